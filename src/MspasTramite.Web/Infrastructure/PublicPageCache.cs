using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Data;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Web.Infrastructure;

/// The public pages (home, catalogue, a procedure's page and its history) are the same for every
/// anonymous visitor in one language, and change only when a version is published: this replica
/// keeps each one it renders in memory, one copy per address and language, for at most a minute.
/// A committed change to a procedure or to a version that is not a draft (publishing, archiving)
/// makes them unreachable here at once (<see cref="PublicPageCacheInterceptor"/> moves the
/// generation that is part of every copy's key; the old copies expire unread within the minute,
/// bounded by the store's size limit); another replica shows the new version when its copy expires,
/// within a minute, as the holiday calendar does. The generation, not eviction by tag, keeps
/// correctness off the store's tag bookkeeping, which has lost the tags of a replaced entry before
/// (dotnet/aspnetcore#61524), and needs no wait on the store in a commit.
///
/// A visitor who is signed in, or who brings a message to show (the TempData cookie), or a response
/// that sets a cookie or is not a 200, is neither served from nor stored in the cache.
public sealed class PublicPageCache(IOptions<CookieTempDataProviderOptions> tempData, PublicPageGeneration generation) : IOutputCachePolicy
{
    public const string PolicyName = "PublicPage";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly string tempDataCookie = tempData.Value.Cookie.Name!;

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && string.IsNullOrEmpty(request.Headers.Authorization)
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Cookies.ContainsKey(tempDataCookie);

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        // The language comes from the query string or the cookie; the resolved one is what the page uses.
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.CacheVaryByRules.VaryByValues["generation"] = generation.Key;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) =>
        ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !string.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// Drops this replica's public pages once a change that shows on them is committed: a procedure
/// (its name, its slug) or a version that is not a draft (the one published, the one archived).
/// Saving a draft changes nothing the public sees.
public sealed class PublicPageCacheInterceptor(PublicPageGeneration generation) : AfterCommitInterceptor
{
    protected override bool Concerns(ChangeTracker changes) =>
        changes.Entries<Procedure>().Any(e => Changed(e.State))
        || changes.Entries<ProcedureVersion>().Any(e => Changed(e.State) && (e.Entity.Status != VersionStatus.Draft
            || (e.State == EntityState.Modified && e.Property(v => v.Status).OriginalValue != VersionStatus.Draft)));

    protected override void Committed() => generation.Advance();

    private static bool Changed(EntityState state) => state is EntityState.Added or EntityState.Modified or EntityState.Deleted;
}

/// The number every public page's cache key carries; moved on by each committed public change. Kept
/// as text, as the key needs it, so a request formats nothing.
public sealed class PublicPageGeneration
{
    private long current;
    private volatile string key = "0";

    public string Key => key;

    public void Advance() => key = Interlocked.Increment(ref current).ToString(CultureInfo.InvariantCulture);
}
