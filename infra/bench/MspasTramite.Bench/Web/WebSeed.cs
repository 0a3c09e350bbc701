using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Bench.Web;

/// Who signs in during the run, and what they look at.
internal sealed record WebAccounts(string CitizenEmail, Guid ApplicationId, string OfficerEmail, string OfficerAuthenticatorKey, string ProcedureSlug, int Applications);

/// The app's database as the queue bench loads it (Population through the engine's bulk loaders,
/// with the app's migrations), plus what the signed-in paths need: a citizen with an application
/// under review and an analyst with an authenticator app, both with a password.
internal static class WebSeed
{
    public const string Password = "Banco-de-pruebas-2026!";

    /// The procedure whose public page is measured: the seed's first (the app seeds the catalogue at
    /// its first start, so a fresh database has it too).
    public static string ProcedureSlug { get; } = ProcedureCatalogueSeed.Build(DateTimeOffset.UnixEpoch)[0].Slug;

    public static async Task<WebAccounts> LoadAsync(BenchEngine engine, BenchOptions options, CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken);
        var population = new Population(options, await engine.ProceduresAsync(cancellationToken), TimeProvider.System.GetUtcNow());
        await engine.LoadUsersAsync(population, cancellationToken);
        var applications = population.Applications(options.Count);
        await engine.LoadApplicationsAsync(applications, cancellationToken);
        foreach (var table in population.HistoryTables(applications))
        {
            await engine.LoadTableAsync(table, cancellationToken);
        }

        await engine.AnalyzeAsync(cancellationToken);

        // The citizen's status page shows a file with a history: one under review, else any submitted.
        var application = applications.FirstOrDefault(a => a.Status == Core.Applications.ApplicationStatus.InReview)
            ?? applications.First(a => a.SubmittedAt is not null);
        var officer = population.Analysts[0];
        var key = Base32(RandomNumberGenerator.GetBytes(20));

        await using var scope = engine.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = new PasswordHasher<ApplicationUser>();
        var citizen = await db.Users.SingleAsync(u => u.Id == application.ApplicantId, cancellationToken);
        var analyst = await db.Users.SingleAsync(u => u.Id == officer.Id, cancellationToken);
        citizen.PasswordHash = hasher.HashPassword(citizen, Password);
        analyst.PasswordHash = hasher.HashPassword(analyst, Password);
        analyst.TwoFactorEnabled = true;
        // Where UserManager keeps an authenticator key (the app's set-up page writes the same row).
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = analyst.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key });
        // The app creates every role at start (AccountSeeder); it skips those found here by name.
        foreach (var (user, role) in new[] { (citizen, Roles.Solicitante), (analyst, Roles.Analista) })
        {
            var normalized = role.ToUpperInvariant();
            var roleId = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            if (roleId is null)
            {
                var created = new IdentityRole(role) { NormalizedName = normalized };
                db.Roles.Add(created);
                roleId = created.Id;
            }

            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new WebAccounts(citizen.Email!, application.Id, analyst.Email!, key, ProcedureSlug, applications.Count);
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
