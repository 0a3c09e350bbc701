using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Identity;
using MspasTramite.Web.Cli;
using MspasTramite.Web.Tests.TestKit;

namespace MspasTramite.Web.Tests.Cli;

[Collection(SqliteApp.Name)]
public sealed class CreateAdminCommandTests_Sqlite(SqliteAppFactory app) : CreateAdminCommandTests<SqliteAppFactory>(app);

[Collection(PostgresApp.Name)]
public sealed class CreateAdminCommandTests_Postgres(PostgresAppFactory app) : CreateAdminCommandTests<PostgresAppFactory>(app);

/// `create-admin`: the only way to make the first administrator, run against the app's own services.
public abstract class CreateAdminCommandTests<TFactory>(TFactory app) where TFactory : MspasAppFactory
{
    [Fact]
    public async Task RunAsync_WithEmailAndPassword_CreatesAdminWhoCanSignIn()
    {
        var email = TestData.NewEmail("admin");
        var password = TestData.NewPassword();

        var (exitCode, output) = await RunAsync("--email", email, "--name", "Carla Administradora", "--password", password);

        Assert.Equal(0, exitCode);
        Assert.Contains($"Administrador {email} creado.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal); // the operator typed it; never echoed
        using var browser = app.CreateSession();
        Assert.Equal("/admin", await browser.SignInSuccessfullyAsync(email, password));
        Assert.Equal("Administración del servicio", (await browser.GetPageAsync("/admin")).Title);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal("Carla Administradora", user.FullName);
        Assert.True(user.IsStaff);
        Assert.True(user.EmailConfirmed);
    }

    [Fact]
    public async Task RunAsync_WithoutPassword_PrintsTemporaryPasswordThatWorks()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MSPAS_ADMIN_PASSWORD")), "this test needs MSPAS_ADMIN_PASSWORD unset");
        var email = TestData.NewEmail("admin");

        var (exitCode, output) = await RunAsync("--email", email);

        Assert.Equal(0, exitCode);
        var line = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("Contraseña temporal: ", StringComparison.Ordinal));
        var password = line["Contraseña temporal: ".Length..];
        Assert.Equal(20, password.Length);
        using var browser = app.CreateSession();
        Assert.Equal("/admin", await browser.SignInSuccessfullyAsync(email, password));
    }

    [Fact]
    public async Task RunAsync_WhenEmailAlreadyHasAccount_RefusesAndChangesNothing()
    {
        var existing = await app.CreateAccountAsync(Roles.Solicitante);

        var (exitCode, output) = await RunAsync("--email", existing.Email, "--password", TestData.NewPassword());

        Assert.Equal(1, exitCode);
        Assert.Contains($"Ya existe una cuenta con el correo {existing.Email}.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Roles.AdministradorServicio, await RolesOfAsync(existing.Email));
        using var browser = app.CreateSession();
        Assert.Equal("/mis-solicitudes", await browser.SignInSuccessfullyAsync(existing.Email, existing.Password));
    }

    [Theory]
    [InlineData("--email", "")]
    [InlineData("--email", "   ")]
    [InlineData("--name", "Sin Correo")]
    public async Task RunAsync_WhenEmailMissingOrEmpty_PrintsUsageAndCreatesNothing(string option, string value)
    {
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());

        var (exitCode, output) = await RunAsync(option, value);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Uso: create-admin --email", output, StringComparison.Ordinal);
        Assert.Equal(usersBefore, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task RunAsync_WhenPasswordTooShort_RefusesAndCreatesNothing()
    {
        var email = TestData.NewEmail("admin");

        var (exitCode, output) = await RunAsync("--email", email, "--password", "corta");

        Assert.Equal(1, exitCode);
        Assert.Contains("La contraseña debe tener al menos 12 caracteres.", output, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] options)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await CreateAdminCommand.RunAsync(app.Services, [CreateAdminCommand.Name, .. options], output);
        return (exitCode, output.ToString());
    }

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }
}
