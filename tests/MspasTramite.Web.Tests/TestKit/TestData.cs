using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace MspasTramite.Web.Tests.TestKit;

/// Unique test data: every test uses its own people, so tests sharing one app never collide.
public static partial class TestData
{
    // The DOMAIN.md vectors are used by the tests that check them; generated CUIs never reuse them.
    private static readonly ConcurrentDictionary<string, bool> UsedCuis = new(StringComparer.Ordinal)
    {
        ["1580352240101"] = true,
        ["1587564440904"] = true,
        ["3666527290101"] = true,
        ["2768220480502"] = true,
    };

    public static string NewEmail(string who = "persona") => $"{who}-{Guid.NewGuid():N}@prueba.mspas.gt";

    /// Long enough for the 12-character rule, and unique so a test can look for it in logs.
    public static string NewPassword() => $"frase secreta {Guid.NewGuid():N}";

    /// A CUI with a correct check digit, in the given department and municipality (which need not exist).
    public static string NewCui(int department = 1, int municipality = 1)
    {
        while (true)
        {
            var number = RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (number[i] - '0') * (i + 2);
            }

            var check = sum % 11;
            if (check == 10)
            {
                continue; // no check digit can express 10: such numbers are never issued
            }

            var cui = string.Create(CultureInfo.InvariantCulture, $"{number}{check}{department:00}{municipality:00}");
            if (UsedCuis.TryAdd(cui, true))
            {
                return cui;
            }
        }
    }

    public static Registration NewRegistration()
    {
        var password = NewPassword();
        return new Registration($"Ana Prueba {Guid.NewGuid().ToString("N")[..6]}", NewEmail("ciudadano"), NewCui(), Nit: null, password, password);
    }

    public static TestAccount NewAccount(string role) =>
        new(NewEmail(role.ToLowerInvariant()), $"{role} de Prueba", NewPassword(), role);
}

/// What a person types on /cuenta/registro.
public sealed record Registration(string FullName, string Email, string Cui, string? Nit, string Password, string ConfirmPassword)
{
    public Dictionary<string, string?> ToForm() => new()
    {
        ["Input.FullName"] = FullName,
        ["Input.Email"] = Email,
        ["Input.Cui"] = Cui,
        ["Input.Nit"] = Nit ?? "",
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = ConfirmPassword,
    };
}
