using Microsoft.AspNetCore.Identity;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Account;

namespace MspasTramite.Web.Cli;

/// `dotnet run --project src/MspasTramite.Web -- create-admin --email x@y [--name "…"] [--password …]`
/// Creates the first administrator: staff accounts are never self-registered.
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var email = Option(args, "--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await output.WriteLineAsync("Uso: create-admin --email correo@mspas.gob.gt [--name \"Nombre\"] [--password contraseña]");
            return 2;
        }

        var name = Option(args, "--name") ?? email;
        var password = Option(args, "--password") ?? Environment.GetEnvironmentVariable("MSPAS_ADMIN_PASSWORD");
        var generated = password is null;
        password ??= AccountSeeder.GeneratePassword();

        await using var scope = services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await seeder.EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await output.WriteLineAsync($"Ya existe una cuenta con el correo {email}.");
            return 1;
        }

        var created = await seeder.CreateAsync(email, name, Roles.AdministradorServicio, password, emailConfirmed: true);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                await output.WriteLineAsync(error);
            }

            return 1;
        }

        await output.WriteLineAsync($"Administrador {email} creado.");
        if (generated)
        {
            // Shown once, on the operator's terminal only; never logged.
            await output.WriteLineAsync($"Contraseña temporal: {password}");
        }

        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
