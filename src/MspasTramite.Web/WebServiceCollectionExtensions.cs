using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MspasTramite.Core;
using MspasTramite.Core.Data;
using MspasTramite.Core.Identity;
using MspasTramite.PaymentSandbox;
using MspasTramite.Web.Account;
using MspasTramite.Web.Infrastructure;

namespace MspasTramite.Web;

public static class WebServiceCollectionExtensions
{
    public const string AccountRateLimit = "account";

    public static IReadOnlyList<CultureInfo> SupportedCultures { get; } = [new("es-GT"), new("en")];

    public static WebApplicationBuilder AddWebServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        AddIdentity(services);
        AddAuthorization(services);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("es-GT");
            o.SupportedCultures = [.. SupportedCultures];
            o.SupportedUICultures = [.. SupportedCultures];
            // Spanish first: the browser's language does not switch it; the person's choice (cookie) does.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Citizen", Policies.Citizen);
                o.Conventions.AuthorizeFolder("/Backoffice", Policies.BackOffice);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                o.Conventions.AuthorizeFolder("/Finance", Policies.Finance);
                o.Conventions.AuthorizeFolder("/Publishing", Policies.PublishingRead);
                o.Conventions.AllowAnonymousToFolder("/Account");
                o.Conventions.AllowAnonymousToPage("/Index");
                o.Conventions.AllowAnonymousToFolder("/Procedures");
                o.Conventions.AllowAnonymousToFolder("/Verification");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/StatusCode");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                SpanishModelBindingMessages.Apply(o.ModelBindingMessageProvider);
                // Ahead of the framework's own string binding, which takes text as it was sent.
                o.ModelBinderProviders.Insert(0, new TypedTextModelBinderProvider());
                o.Filters.Add<UnknownHandlerFilter>();
            });

        // Anonymous public pages from memory (Infrastructure/PublicPageCache.cs); a few hundred kB in use.
        services.AddOutputCache(o => o.SizeLimit = 16 * 1024 * 1024);
        services.AddSingleton<PublicPageGeneration>();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<CookieTempDataProviderOptions>, PublicPageGeneration>((o, tempData, generation) =>
            o.AddPolicy(PublicPageCache.PolicyName, new PublicPageCache(tempData, generation)));
        services.AddScoped<AfterCommitInterceptor, PublicPageCacheInterceptor>();

        services.AddDataProtection()
            .SetApplicationName("MspasTramite")
            // In the database, so restarts and several replicas keep people signed in.
            .PersistKeysToDbContext<AppDbContext>();

        services.AddRateLimiter(o => ConfigureRateLimiting(o, builder.Configuration));

        services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Behind the load balancer of infra/; the proxies are trusted only where configured.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
        });

        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        var isDevelopment = builder.Environment.IsDevelopment();
        services.AddOptions<HostFilteringOptions>().Configure<PublicAddress>((o, address) =>
        {
            o.AllowedHosts = AllowedHosts(builder.Configuration["AllowedHosts"], address, isDevelopment);
            // The framework's explanation is in English; a bare 400 is all a forged Host needs.
            o.IncludeFailureMessage = false;
        });
        services.AddSingleton(MetricsAccess.FromConfiguration(builder.Configuration, isDevelopment));
        if (UsesPaymentSandbox(builder))
        {
            services.AddPaymentSandbox(builder.Configuration);
        }

        services.AddScoped<AccountEmails>();
        services.AddScoped<AccountSeeder>();
        services.AddSingleton<DecoyPasswordHash>();
        services.AddSingleton<Pages.Backoffice.WorkflowDiagrams>();
        return builder;
    }

    /// The Stripe-compatible sandbox runs inside the app in Development, or where configured for
    /// tests; a Production host refuses to start with it.
    public static bool UsesPaymentSandbox(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var enabled = builder.Configuration.GetValue("PaymentSandbox:Enabled", builder.Environment.IsDevelopment());
        if (enabled && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException("The payment sandbox must never run in Production (PaymentSandbox:Enabled).");
        }

        return enabled;
    }

    /// The host names the service answers to; any other Host header gets 400 before any page runs.
    /// Links never come from the Host header (PublicAddress), but a forged one has no business
    /// reaching the pages either (redirects, caches, logs). The host of PublicBaseUrl, where every link
    /// points, and the names AllowedHosts adds ("a;b"; "*" adds none). Development answers any name.
    private static List<string> AllowedHosts(string? allowedHosts, PublicAddress address, bool isDevelopment)
    {
        if (isDevelopment)
        {
            return ["*"];
        }

        var configured = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [address.Host, .. configured.Where(h => h != "*")];
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // Length, not composition, makes a password strong (NIST 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                // No lockout per account: whoever knows a citizen's email could keep them out. Failed
                // sign-ins are throttled per account and address instead (SignInThrottles).
                o.Lockout.AllowedForNewUsers = false;
                o.Tokens.AuthenticatorTokenProvider = ReplayGuardedAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<HashedRecoveryCodeUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ReplayGuardedAuthenticatorTokenProvider>(ReplayGuardedAuthenticatorTokenProvider.Name)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<MaxLengthPasswordValidator<ApplicationUser>>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/cuenta/ingresar";
            o.LogoutPath = "/cuenta/salir";
            o.AccessDeniedPath = "/cuenta/acceso-denegado";
            o.Cookie.Name = "mspas.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, which is every request outside Development (HTTPS
            // redirection, or the proxy's X-Forwarded-Proto behind the load balancer).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Sessions live in the database (DatabaseTicketStore): ending one there ends it everywhere at once.
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionStoreCookieSetup>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            // The validator rebuilds the principal from the account and would drop how the person
            // signed in; the staff areas need to know a second factor was used.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && StaffTwoFactorRequirement.SignedInWithSecondFactor(current)
                    && context.NewPrincipal?.Identity is ClaimsIdentity identity && !StaffTwoFactorRequirement.SignedInWithSecondFactor(context.NewPrincipal))
                {
                    identity.AddClaim(new Claim(StaffTwoFactorRequirement.AuthenticationMethodClaim, StaffTwoFactorRequirement.MultiFactor));
                }

                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "mspas.af";
            // The framework's default sends it without Secure even over HTTPS.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, StaffTwoFactorHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorSetupRedirect>();
        services.AddAuthorizationBuilder()
            // Every page is closed by default; public pages opt out explicitly.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Citizen, p => p.RequireRole(Roles.Solicitante))
            // Staff areas: the role, and a sign-in with a second factor where TwoFactor:RequiredForStaff.
            .AddPolicy(Policies.BackOffice, p => p.RequireRole(Roles.Analista, Roles.Jefe).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.AdministradorServicio).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(Policies.Finance, p => p.RequireRole(Roles.Finanzas).AddRequirements(new StaffTwoFactorRequirement()))
            .AddPolicy(Policies.PublishingRead, p => p.RequireRole(Roles.AdministradorServicio, Roles.Analista, Roles.Jefe).AddRequirements(new StaffTwoFactorRequirement()));
    }

    private static void ConfigureRateLimiting(RateLimiterOptions o, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:AccountPermitsPerWindow", 10);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:AccountWindowSeconds", 60));
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Sign-in and registration posts, per client address: slows password guessing and account spam.
        o.AddPolicy(AccountRateLimit, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        o.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.ContentType = "text/plain; charset=utf-8";
            var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await response.WriteAsync(l["Demasiados intentos. Espere {0} segundos e intente de nuevo.", (int)Math.Ceiling(retryAfter.TotalSeconds)], cancellationToken);
        };
    }
}
