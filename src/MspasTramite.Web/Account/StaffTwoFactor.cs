using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Account;

/// The staff areas open only to a sign-in made with a second factor, when TwoFactor:RequiredForStaff.
/// It reads the sign-in's own claim ("amr" = "mfa", which Identity adds after the second step and the
/// set-up page adds after a confirmed code), so every replica decides alike without a query.
public sealed class StaffTwoFactorRequirement : IAuthorizationRequirement
{
    public const string AuthenticationMethodClaim = "amr";
    public const string MultiFactor = "mfa";

    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) =>
        user.HasClaim(AuthenticationMethodClaim, MultiFactor);
}

public sealed class StaffTwoFactorHandler(IOptions<TwoFactorOptions> options) : AuthorizationHandler<StaffTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffTwoFactorRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsRequired(context.User, options.Value) || StaffTwoFactorRequirement.SignedInWithSecondFactor(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// Whether this signed-in person must use a second factor (a citizen, or a demo account in
    /// Development, need not).
    public static bool IsRequired(ClaimsPrincipal user, TwoFactorOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RequiredForStaff || user.Identity?.IsAuthenticated != true || !Roles.Staff.Any(user.IsInRole))
        {
            return false;
        }

        return !(options.DemoAccountsSkip && AccountSeeder.DemoAccounts.Any(a => string.Equals(a.Email, user.Identity.Name, StringComparison.OrdinalIgnoreCase)));
    }
}

/// A staff member refused only for want of a second factor is sent to set it up, and then back; any
/// other refusal is the framework's ("acceso denegado", or sign in).
public sealed class TwoFactorSetupRedirect : IAuthorizationMiddlewareResultHandler
{
    public const string SetupPath = "/cuenta/seguridad/doble-factor";

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList();
        if (authorizeResult.Forbidden && failed is { Count: > 0 } && failed.All(r => r is StaffTwoFactorRequirement))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{SetupPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }

        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class TwoFactorSignIn
{
    /// Signs the person in again after they proved the authenticator (a confirmed code at set-up):
    /// the new sign-in carries the second factor, as Identity's second step would have made it.
    public static Task SignInWithSecondFactorAsync(this SignInManager<ApplicationUser> signIn, ApplicationUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(StaffTwoFactorRequirement.AuthenticationMethodClaim, StaffTwoFactorRequirement.MultiFactor)]);
}
