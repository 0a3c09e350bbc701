namespace MspasTramite.Web.Tests.TestKit;

/// The real servers the suite talks to. ./test.sh (infra/test/services.sh) starts them and exports
/// these variables; a test that needs one fails, never skips, when it is missing.
public static class TestEnvironment
{
    private const string HowToRun =
        "Run the suite with ./test.sh, or start the test services first: " +
        "`source infra/test/services.sh && services_start` in the shell that runs `dotnet test`.";

    /// Base Npgsql connection string without a database, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres.
    public static string Postgres => Required("MSPAS_TEST_POSTGRES", "PostgreSQL tests need a PostgreSQL server");

    public static string SmtpHost => Required("MSPAS_TEST_SMTP_HOST", "Email tests need the test SMTP server");

    public static int SmtpPort => int.Parse(Required("MSPAS_TEST_SMTP_PORT", "Email tests need the test SMTP server"), System.Globalization.CultureInfo.InvariantCulture);

    /// Where the test SMTP server writes each message it receives as an .eml file.
    public static string MailDirectory => Required("MSPAS_TEST_MAILDIR", "Email tests read what the test SMTP server received");

    private static string Required(string name, string why)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"{why}, but {name} is not set. {HowToRun}")
            : value;
    }
}
