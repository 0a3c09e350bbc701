using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Text;

namespace MspasTramite.Web.Account;

public sealed record CreatedAccount(ApplicationUser User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// Roles, the first administrator, and the Development demo accounts.
public sealed class AccountSeeder(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    TimeProvider clock,
    ILogger<AccountSeeder> logger)
{
    public const string DemoPassword = "Demo-Mspas-2026!";

    public static IReadOnlyList<(string Email, string Name, string Role)> DemoAccounts { get; } =
    [
        ("ciudadano@demo.mspas.gt", "Ana Ciudadana López", Roles.Solicitante),
        ("analista@demo.mspas.gt", "Luis Analista Pérez", Roles.Analista),
        ("jefe@demo.mspas.gt", "María Jefa García", Roles.Jefe),
        ("admin@demo.mspas.gt", "Carlos Administrador Ruiz", Roles.AdministradorServicio),
        ("finanzas@demo.mspas.gt", "Sofía Finanzas Morales", Roles.Finanzas),
    ];

    /// At every start: the roles exist; in Development, the demo accounts too (listed in README).
    public static async Task SeedAsync(IServiceProvider services, IConfiguration configuration)
    {
        await using var scope = services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        await seeder.EnsureRolesAsync();
        if (configuration.GetValue("Seed:DemoAccounts", false))
        {
            await seeder.SeedDemoAccountsAsync();
        }
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task SeedDemoAccountsAsync()
    {
        foreach (var (email, name, role) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var cui = role == Roles.Solicitante ? "1580352240101" : null;
                await CreateAsync(email, name, role, DemoPassword, emailConfirmed: true, cui);
                logger.LogInformation("Demo account {Email} ({Role}) created", email, role);
            }
        }
    }

    public async Task<CreatedAccount> CreateAsync(string email, string fullName, string role, string? password, bool emailConfirmed, string? cui = null)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            // The create-admin command's --name is typed too, and never passes a model binder.
            FullName = TypedText.Clean(fullName).Trim(),
            EmailConfirmed = emailConfirmed,
            Cui = cui,
            IsStaff = role != Roles.Solicitante,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        return new CreatedAccount(user, [.. result.Errors.Select(e => e.Description)]);
    }

    /// 20 random characters from an alphabet without look-alikes; long enough for the 12-character rule.
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
