using System.Text;
using MspasTramite.Core.Publishing;

namespace MspasTramite.Core.Tests.Publishing;

public sealed class ReadabilityTests
{
    // Counted by hand, syllable by syllable, as a Guatemalan school divides them.
    [Theory]
    // Diphthongs: a weak vowel (i, u) beside another vowel, no accent on the weak one.
    [InlineData("cuidado", 3)] // cui-da-do
    [InlineData("ciudad", 2)] // ciu-dad
    [InlineData("aire", 2)] // ai-re
    [InlineData("huevo", 2)] // hue-vo
    [InlineData("Europa", 3)] // Eu-ro-pa
    [InlineData("farmacéutico", 5)] // far-ma-céu-ti-co
    [InlineData("construido", 3)] // cons-trui-do
    [InlineData("perjuicio", 3)] // per-jui-cio
    [InlineData("línea", 3)] // lí-ne-a
    // Hiatus: two strong vowels, or an accented í/ú.
    [InlineData("día", 2)] // dí-a
    [InlineData("río", 2)] // rí-o
    [InlineData("país", 2)] // pa-ís
    [InlineData("leer", 2)] // le-er
    [InlineData("creer", 2)] // cre-er
    [InlineData("poeta", 3)] // po-e-ta
    [InlineData("océano", 4)] // o-cé-a-no
    [InlineData("correo", 3)] // co-rre-o
    [InlineData("oído", 3)] // o-í-do
    [InlineData("reúne", 3)] // re-ú-ne
    [InlineData("actúa", 3)] // ac-tú-a
    [InlineData("continúe", 4)] // con-ti-nú-e
    [InlineData("aún", 2)] // a-ún
    [InlineData("ahí", 2)] // a-hí
    // Triphthongs.
    [InlineData("buey", 1)] // buey
    [InlineData("Uruguay", 3)] // U-ru-guay
    [InlineData("Paraguay", 3)] // Pa-ra-guay
    [InlineData("estudiáis", 3)] // es-tu-diáis
    [InlineData("averiguáis", 4)] // a-ve-ri-guáis
    // Silent u in que, qui, gue, gui; heard before a and o.
    [InlineData("que", 1)] // que
    [InlineData("quien", 1)] // quien
    [InlineData("cualquier", 2)] // cual-quier
    [InlineData("guerra", 2)] // gue-rra
    [InlineData("guitarra", 3)] // gui-ta-rra
    [InlineData("guion", 1)] // guion (one syllable since the RAE's 2010 Ortografía)
    [InlineData("seguimiento", 4)] // se-gui-mien-to
    [InlineData("Guatemala", 4)] // Gua-te-ma-la
    [InlineData("requisito", 4)] // re-qui-si-to
    // ü is heard.
    [InlineData("pingüino", 3)] // pin-güi-no
    [InlineData("vergüenza", 3)] // ver-güen-za
    [InlineData("lingüística", 4)] // lin-güís-ti-ca
    // y: a vowel at the end of a word or alone, a consonant before a vowel.
    [InlineData("hoy", 1)] // hoy
    [InlineData("muy", 1)] // muy
    [InlineData("rey", 1)] // rey
    [InlineData("ley", 1)] // ley
    [InlineData("y", 1)] // y
    [InlineData("yo", 1)] // yo
    [InlineData("mayo", 2)] // ma-yo
    // Long words of the procedures.
    [InlineData("solicitud", 4)] // so-li-ci-tud
    [InlineData("establecimiento", 6)] // es-ta-ble-ci-mien-to
    [InlineData("ministerio", 4)] // mi-nis-te-rio
    [InlineData("licencia", 3)] // li-cen-cia
    [InlineData("sanitaria", 4)] // sa-ni-ta-ria
    [InlineData("trámite", 3)] // trá-mi-te
    [InlineData("inscripción", 3)] // ins-crip-ción
    [InlineData("autoridad", 4)] // au-to-ri-dad
    [InlineData("prohibido", 4)] // pro-hi-bi-do: h splits, as hyphenation does
    [InlineData("SOLICITUD", 4)] // capitals
    public void CountSyllables_MatchesHandCount(string word, int expected)
    {
        Assert.Equal(expected, Readability.CountSyllables(word));
    }

    [Fact]
    public void CountSyllables_WordWithoutVowel_IsOneSyllable()
    {
        // A letter read alone ("la categoría Q") is still a syllable; acronyms are read as written,
        // so "DPI" (de-pe-i) counts one: a known undercount, small in prose.
        Assert.Equal(1, Readability.CountSyllables("Q"));
        Assert.Equal(1, Readability.CountSyllables("DPI"));
    }

    [Theory]
    [InlineData("Presente su solicitud.", 1, 3)]
    [InlineData("Presente su solicitud", 1, 3)] // no final period: still one sentence
    [InlineData("Presente su DPI. Pague la tasa", 2, 6)]
    [InlineData("¿Cuánto cuesta? ¡Nada! Es gratis.", 3, 5)]
    [InlineData("El trámite se hace\nen línea.", 1, 6)] // a wrapped line is not a new sentence
    [InlineData("«Firme aquí.» Luego entréguelo.", 2, 4)] // a period inside closing quotes
    [InlineData("Espere... luego vuelva.", 1, 3)]
    [InlineData("Espere... Luego vuelva.", 2, 3)]
    [InlineData("Espere… Luego vuelva.", 2, 3)]
    public void Count_SentencesAndWords(string text, int sentences, int words)
    {
        var counts = Readability.Count(text);

        Assert.Equal(sentences, counts.Sentences);
        Assert.Equal(words, counts.Words);
    }

    [Theory]
    // Titles before a name: the period closes the abbreviation, not the sentence.
    [InlineData("La Lic. Pérez firma la licencia. El Dr. López la revisa.", 2, 11)]
    [InlineData("Lo atiende la Sra. Gómez o el Ing. Ruiz.", 1, 9)]
    [InlineData("Vea el Art. Quinto del reglamento.", 1, 6)]
    // A lowercase word or a number after the period continues the sentence.
    [InlineData("Según el Decreto No. 90-97 el trámite es gratuito.", 1, 8)]
    [InlineData("Traiga fotocopias, constancias, etc. y la solicitud firmada.", 1, 8)]
    [InlineData("Abre a las 8 a. m. del lunes.", 1, 7)]
    // An abbreviation that ends a sentence is its final period too.
    [InlineData("Traiga fotocopias, constancias, etc. Luego pague.", 2, 6)]
    [InlineData("Abre a las 8 a. m. El lunes cierra.", 2, 8)]
    // Initials are not in the list: "J. Pérez" counts two sentences, rare in these texts.
    [InlineData("Firma J. Pérez.", 2, 3)]
    public void Count_Abbreviations(string text, int sentences, int words)
    {
        var counts = Readability.Count(text);

        Assert.Equal(sentences, counts.Sentences);
        Assert.Equal(words, counts.Words);
    }

    [Theory]
    // Numbers and runs with digits are no words: "Q250.00", "90-97", "4a".
    [InlineData("La tasa es de Q250.00 por año. Se paga en línea.", 2, 10)]
    [InlineData("Venga a la 4a. avenida 5-20, zona 1.", 1, 5)]
    // Addresses are skipped whole; their final period still ends the sentence.
    [InlineData("Visite https://www.mspas.gob.gt para más datos.", 1, 4)]
    [InlineData("Visite www.mspas.gob.gt. Ahí está todo.", 2, 4)]
    [InlineData("Escriba a info@mspas.gob.gt si tiene dudas.", 1, 5)]
    public void Count_NumbersAndAddresses(string text, int sentences, int words)
    {
        var counts = Readability.Count(text);

        Assert.Equal(sentences, counts.Sentences);
        Assert.Equal(words, counts.Words);
    }

    [Fact]
    public void Count_StripsMarkdown()
    {
        const string text = """
            # Requisitos

            - Documento vigente
            - Fotocopia de la **patente** de comercio

            Vea la [guía del usuario](https://mspas.gob.gt/guia) para *más* detalles.
            """;

        // Re-qui-si-tos (4) | Do-cu-men-to vi-gen-te (4+3) | Fo-to-co-pia de la pa-ten-te de
        // co-mer-cio (4+1+1+3+1+3) | Ve-a la guí-a del u-sua-rio pa-ra más de-ta-lles
        // (2+1+2+1+3+2+1+3): a heading, two list items and a paragraph are four sentences.
        Assert.Equal(new TextCounts(Sentences: 4, Words: 17, Syllables: 4 + 7 + 13 + 15), Readability.Count(text));
    }

    [Theory]
    [InlineData("## Costo\nEl trámite cuesta cien quetzales", 2, 6)] // a heading ends at its line end
    [InlineData("1. Llene el formulario\n2. Pague la tasa", 2, 6)] // ordered list markers are no numbers
    [InlineData("* Llene el formulario\n+ Pague la tasa", 2, 6)]
    [InlineData("> **Importante:** traiga su _documento_ de `identidad`.", 1, 6)]
    [InlineData("Lea la [guía](https://mspas.gob.gt/guia). Luego llene el formulario.", 2, 7)]
    [InlineData("Primer párrafo sin punto\n\nSegundo párrafo sin punto", 2, 8)] // a blank line ends it
    [InlineData("Use el *formulario* de _inscripción_", 1, 5)] // emphasis at line start is no list
    public void Count_MarkdownBlocks(string text, int sentences, int words)
    {
        var counts = Readability.Count(text);

        Assert.Equal(sentences, counts.Sentences);
        Assert.Equal(words, counts.Words);
    }

    [Fact]
    public void Count_CombiningAccent_IsTheComposedLetter()
    {
        // "día" typed as d, i, U+0301, a: two syllables, one word.
        Assert.Equal(new TextCounts(1, 1, 2), Readability.Count("di\u0301a"));
    }

    // Reference texts. No published worked example with its counts was found (legible.es and
    // the INFLESZ papers give the formula and the scale, not the counts of a sample), so these
    // are ours, counted by hand below; the score is the formula on those hand counts.

    // Plain, short sentences, as a citizen should read them.
    private const string PlainText =
        "Usted puede pedir su licencia en línea. Primero llene el formulario. Luego pague la tasa con tarjeta. " +
        "Le enviamos un correo cuando esté lista. El trámite tarda diez días hábiles.";

    // Us-ted pue-de pe-dir su li-cen-cia en lí-ne-a          7 words, 2+2+2+1+3+1+3 = 14
    // Pri-me-ro lle-ne el for-mu-la-rio                      4 words, 3+2+1+4       = 10
    // Lue-go pa-gue la ta-sa con tar-je-ta                   6 words, 2+2+1+2+1+3   = 11
    // Le en-via-mos un co-rre-o cuan-do es-té lis-ta         7 words, 1+3+1+3+2+2+2 = 14
    // El trá-mi-te tar-da diez dí-as há-bi-les               6 words, 1+3+2+1+2+3   = 12
    // 5 sentences, 30 words, 61 syllables.
    // P = 206.835 − 62.3·61/30 − 30/5 = 206.835 − 126.677 − 6    = 74.158 (bastante fácil)
    // L = 206.84 − 60·61/30 − 1.02·30/5 = 206.84 − 122 − 6.12    = 78.72
    private static readonly TextCounts PlainCounts = new(Sentences: 5, Words: 30, Syllables: 61);

    // A procedure's description, as officials write it.
    private const string DescriptionText =
        "La licencia sanitaria autoriza el funcionamiento de una farmacia durante cinco años. " +
        "Para obtenerla, el propietario debe presentar la solicitud con los documentos que pide el reglamento. " +
        "El Ministerio revisa el expediente y programa una inspección del local. " +
        "Si todo está en orden, la licencia se emite en formato electrónico.";

    // La li-cen-cia sa-ni-ta-ria au-to-ri-za el fun-cio-na-mien-to de u-na far-ma-cia du-ran-te
    // cin-co a-ños                       12 words, 1+3+4+4+1+5+1+2+3+3+2+2 = 31
    // Pa-ra ob-te-ner-la el pro-pie-ta-rio de-be pre-sen-tar la so-li-ci-tud con los
    // do-cu-men-tos que pi-de el re-gla-men-to
    //                                    15 words, 2+4+1+4+2+3+1+4+1+1+4+1+2+1+4 = 35
    // El Mi-nis-te-rio re-vi-sa el ex-pe-dien-te y pro-gra-ma u-na ins-pec-ción del lo-cal
    //                                    11 words, 1+4+3+1+4+1+3+2+3+1+2 = 25
    // Si to-do es-tá en or-den la li-cen-cia se e-mi-te en for-ma-to e-lec-tró-ni-co
    //                                    12 words, 1+2+2+1+2+1+3+1+3+1+3+5 = 25
    // 4 sentences, 50 words, 116 syllables.
    // P = 206.835 − 62.3·116/50 − 50/4 = 206.835 − 144.536 − 12.5  = 49.799 (algo difícil)
    // L = 206.84 − 60·116/50 − 1.02·50/4 = 206.84 − 139.2 − 12.75  = 54.89
    private static readonly TextCounts DescriptionCounts = new(Sentences: 4, Words: 50, Syllables: 116);

    // One sentence in the style of a Guatemalan regulation's article (written for this test).
    private const string DecreeText =
        "Los establecimientos farmacéuticos que pretendan obtener la licencia sanitaria de funcionamiento " +
        "deberán presentar ante la dependencia correspondiente del Ministerio de Salud Pública y Asistencia " +
        "Social la solicitud respectiva, acompañada de la documentación que acredite fehacientemente el " +
        "cumplimiento de los requisitos técnicos, administrativos y legales establecidos en el presente " +
        "reglamento y en las demás disposiciones aplicables, sin perjuicio de las inspecciones que la " +
        "autoridad sanitaria considere pertinentes.";

    // Los(1) es-ta-ble-ci-mien-tos(6) far-ma-céu-ti-cos(5) que(1) pre-ten-dan(3) ob-te-ner(3) la(1)
    // li-cen-cia(3) sa-ni-ta-ria(4) de(1)                                     10 words, 28
    // fun-cio-na-mien-to(5) de-be-rán(3) pre-sen-tar(3) an-te(2) la(1) de-pen-den-cia(4)
    // co-rres-pon-dien-te(5) del(1) Mi-nis-te-rio(4) de(1)                    10 words, 29
    // Sa-lud(2) Pú-bli-ca(3) y(1) A-sis-ten-cia(4) So-cial(2) la(1) so-li-ci-tud(4) res-pec-ti-va(4)
    // a-com-pa-ña-da(5) de(1)                                                 10 words, 27
    // la(1) do-cu-men-ta-ción(5) que(1) a-cre-di-te(4) fe-ha-cien-te-men-te(6) el(1)
    // cum-pli-mien-to(4) de(1) los(1) re-qui-si-tos(4)                        10 words, 28
    // téc-ni-cos(3) ad-mi-nis-tra-ti-vos(6) y(1) le-ga-les(3) es-ta-ble-ci-dos(5) en(1) el(1)
    // pre-sen-te(3) re-gla-men-to(4) y(1)                                     10 words, 28
    // en(1) las(1) de-más(2) dis-po-si-cio-nes(5) a-pli-ca-bles(4) sin(1) per-jui-cio(3) de(1)
    // las(1) ins-pec-cio-nes(4)                                               10 words, 23
    // que(1) la(1) au-to-ri-dad(4) sa-ni-ta-ria(4) con-si-de-re(4) per-ti-nen-tes(4)  6 words, 18
    // 1 sentence, 66 words, 181 syllables.
    // P = 206.835 − 62.3·181/66 − 66/1 = 206.835 − 170.853 − 66    = −30.018 (muy difícil)
    // L = 206.84 − 60·181/66 − 1.02·66/1 = 206.84 − 164.545 − 67.32 = −25.025
    private static readonly TextCounts DecreeCounts = new(Sentences: 1, Words: 66, Syllables: 181);

    public static TheoryData<string, string, double, double, InfleszLevel> ReferenceTexts => new()
    {
        { nameof(PlainText), PlainText, 74.158, 78.72, InfleszLevel.BastanteFacil },
        { nameof(DescriptionText), DescriptionText, 49.799, 54.89, InfleszLevel.AlgoDificil },
        { nameof(DecreeText), DecreeText, -30.018, -25.025, InfleszLevel.MuyDificil },
    };

    [Theory]
    [InlineData(nameof(PlainText))]
    [InlineData(nameof(DescriptionText))]
    [InlineData(nameof(DecreeText))]
    public void Count_ReferenceText_MatchesHandCount(string name)
    {
        var (text, counts) = name switch
        {
            nameof(PlainText) => (PlainText, PlainCounts),
            nameof(DescriptionText) => (DescriptionText, DescriptionCounts),
            _ => (DecreeText, DecreeCounts),
        };

        Assert.Equal(counts, Readability.Count(text));
    }

    [Theory]
    [MemberData(nameof(ReferenceTexts))]
    public void Score_ReferenceText_IsTheFormulaOnTheHandCounts(
        string name, string text, double szigrisztPazos, double fernandezHuerta, InfleszLevel level)
    {
        var score = Readability.Score(text);

        Assert.NotNull(score);
        Assert.InRange(score.SzigrisztPazos, szigrisztPazos - 0.5, szigrisztPazos + 0.5);
        Assert.InRange(score.FernandezHuerta, fernandezHuerta - 0.5, fernandezHuerta + 0.5);
        Assert.True(level == score.Level, $"{name}: {score.Level}");
    }

    [Fact]
    public void Score_PlainTextIsEasy_DecreeIsHard()
    {
        var plain = Readability.Score(PlainText)!;
        var decree = Readability.Score(DecreeText)!;

        Assert.True(plain.Level >= InfleszLevel.BastanteFacil);
        Assert.False(plain.IsHard);
        Assert.True(decree.Level <= InfleszLevel.AlgoDificil);
        Assert.True(decree.IsHard);
    }

    [Fact]
    public void Formulas_OnGivenCounts()
    {
        // 100 words, 200 syllables, 10 sentences: 206.835 − 124.6 − 10 and 206.84 − 120 − 10.2.
        var counts = new TextCounts(Sentences: 10, Words: 100, Syllables: 200);

        Assert.Equal(72.235, Readability.SzigrisztPazos(counts), 9);
        Assert.Equal(76.64, Readability.FernandezHuerta(counts), 9);
        Assert.Throws<ArgumentException>(() => Readability.SzigrisztPazos(default));
    }

    [Theory]
    [InlineData(-30.0, InfleszLevel.MuyDificil)]
    [InlineData(39.99, InfleszLevel.MuyDificil)]
    [InlineData(40.0, InfleszLevel.AlgoDificil)]
    [InlineData(54.99, InfleszLevel.AlgoDificil)]
    [InlineData(55.0, InfleszLevel.Normal)]
    [InlineData(64.99, InfleszLevel.Normal)]
    [InlineData(65.0, InfleszLevel.BastanteFacil)]
    [InlineData(80.0, InfleszLevel.BastanteFacil)]
    [InlineData(80.01, InfleszLevel.MuyFacil)]
    [InlineData(120.0, InfleszLevel.MuyFacil)]
    public void Classify_InfleszBands(double perspicuity, InfleszLevel expected)
    {
        Assert.Equal(expected, Readability.Classify(perspicuity));
    }

    [Theory]
    [InlineData(InfleszLevel.MuyDificil, true)]
    [InlineData(InfleszLevel.AlgoDificil, true)]
    [InlineData(InfleszLevel.Normal, false)]
    [InlineData(InfleszLevel.BastanteFacil, false)]
    [InlineData(InfleszLevel.MuyFacil, false)]
    public void IsHard_BelowNormal(InfleszLevel level, bool hard)
    {
        Assert.Equal(hard, new ReadabilityScore(1, 10, 20, 0, 0, level).IsHard);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    [InlineData("# \n\n- \n**")] // Markdown marks only
    [InlineData("Q250.00 — 90-97, https://mspas.gob.gt")] // numbers and addresses only
    public void Score_NoWords_IsNull(string? text)
    {
        Assert.Null(Readability.Score(text));
        Assert.Equal(0, Readability.Count(text).Words);
    }

    [Fact]
    public void Score_BelowMinimumWords_IsNull()
    {
        const string nine = "Presente la solicitud con su documento de identificación vigente.";
        const string ten = "Presente la solicitud con su documento de identificación vigente hoy.";

        Assert.Equal(Readability.MinimumWords - 1, Readability.Count(nine).Words);
        Assert.Null(Readability.Score(nine));
        Assert.NotNull(Readability.Score(ten));
        Assert.Equal(Readability.MinimumWords, Readability.Score(ten)!.Words);
    }

    [Fact]
    public void Count_100KilobytesOfText_CountsEveryRepetition()
    {
        // A linear scan: a quadratic one would take minutes on 100 KB and hang this test.
        var repetitions = (100 * 1024 / PlainText.Length) + 1;
        var text = new StringBuilder().Insert(0, PlainText + "\n", repetitions).ToString();

        var counts = Readability.Count(text);

        Assert.Equal(
            new TextCounts(PlainCounts.Sentences * repetitions, PlainCounts.Words * repetitions, PlainCounts.Syllables * repetitions),
            counts);
    }

    [Fact]
    public void Count_100KilobytesOnOneLineWithoutBlanks_Finishes()
    {
        // Inputs that could make a scan look ahead again and again: one endless word, endless
        // unclosed links, endless periods.
        var word = new string('a', 100 * 1024);
        var links = new StringBuilder().Insert(0, "x](", 34 * 1024).ToString();
        var periods = "Fin" + new string('.', 100 * 1024);

        Assert.Equal(new TextCounts(1, 1, word.Length), Readability.Count(word)); // a-a-a…: all hiatus
        Assert.Equal(1, Readability.Count(links).Words);
        Assert.Equal(new TextCounts(1, 1, 1), Readability.Count(periods));
    }
}
