using MspasTramite.Core;
using MspasTramite.Core.Data;
using MspasTramite.PaymentSandbox;
using MspasTramite.Web;
using MspasTramite.Web.Account;
using MspasTramite.Web.Cli;
using MspasTramite.Web.Infrastructure;
using MspasTramite.Web.Payments;
using Prometheus;

var builder = WebApplication.CreateBuilder(args);
var command = args.FirstOrDefault() is CreateAdminCommand.Name ? CreateAdminCommand.Name : null;

builder.Host.UseDefaultServiceProvider(o =>
{
    o.ValidateOnBuild = true;
    o.ValidateScopes = true;
});
if (!builder.Environment.IsDevelopment())
{
    // One JSON object per line for the log collector; message templates keep fields structured.
    // Scopes put the request's TraceId on every line written while it runs: it is the "código de
    // referencia" the error page shows, so support finds that request's lines by it.
    builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
    builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
}

// A one-off command (create-admin) needs the database but not the background job server.
builder.AddCoreServices(runBackgroundJobs: command is null);
builder.AddWebServices();

var app = builder.Build();

await DatabaseInitializer.MigrateAsync(app.Services);
await AccountSeeder.SeedAsync(app.Services, app.Configuration);
if (command is not null)
{
    return await CreateAdminCommand.RunAsync(app.Services, args, Console.Out);
}

if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
{
    app.UseForwardedHeaders();
}

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    // A friendly page with a correlation id; never a stack trace.
    app.UseExceptionHandler("/Error");
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/estado/{0}");
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<RequestCharsetMiddleware>();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseMiddleware<UploadLimitMiddleware>();
app.UseHttpMetrics();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();

app.MapRazorPages();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapMetrics("/metrics").AllowAnonymous().RestrictToScrapers();
app.MapStripeWebhook();
if (WebServiceCollectionExtensions.UsesPaymentSandbox(builder))
{
    app.MapPaymentSandbox();
}
// An unknown address is a 404 for everyone. With no endpoint at all, the fallback authorization
// policy would apply and send an anonymous visitor to sign in instead of "Página no encontrada".
app.MapFallback("{*path}", context =>
{
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
}).AllowAnonymous();

await app.RunAsync();
return 0;

public partial class Program;
