using Microsoft.EntityFrameworkCore;
using MspasTramite.Bench.Baseline;

// ASP.NET Core doing the I/O of each path the web benchmark measures, as plainly as a tutorial would:
// the app's throughput divided by this one's says what the app's own code costs (issue 12).
//   /tramites/{slug}      a Razor page in a layout like the app's, as many bytes as the app's page
//   /fortunes             EF Core reads 12 rows, adds one, sorts and renders them
//   POST /webhooks/insert one EF insert of the event received
//   /health/ready         the database answers
var builder = WebApplication.CreateBuilder(args);
// Like the app outside Development: JSON lines on standard output, at the same levels.
builder.Logging.ClearProviders().AddJsonConsole();
builder.Services.AddRazorPages();
var dataDirectory = builder.Configuration["Database:DataDirectory"] ?? "App_Data";
var connectionString = builder.Configuration["Database:ConnectionString"] is { Length: > 0 } configured ? configured : null;
if (builder.Configuration["Database:Provider"] == "Postgres")
{
    builder.Services.AddDbContext<BaselineDb>(o => o.UseNpgsql(connectionString));
}
else
{
    Directory.CreateDirectory(dataDirectory);
    var synchronousNormal = new SqliteSynchronousNormal();
    builder.Services.AddDbContext<BaselineDb>(o => o.UseSqlite(connectionString ?? $"Data Source={Path.Combine(dataDirectory, "baseline.db")}").AddInterceptors(synchronousNormal));
}

builder.Services.AddSingleton(new ProcedureFiller(builder.Configuration.GetValue("Baseline:FillerBytes", 0)));

var app = builder.Build();
await BaselineDb.CreateAsync(app.Services);

app.UseStaticFiles();
app.MapRazorPages();
app.MapGet("/health/ready", async (BaselineDb db, CancellationToken cancellationToken) =>
    await db.Database.CanConnectAsync(cancellationToken) ? Results.Text("Healthy") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
app.MapPost("/webhooks/insert", async (HttpRequest request, BaselineDb db, CancellationToken cancellationToken) =>
{
    using var reader = new StreamReader(request.Body);
    var body = await reader.ReadToEndAsync(cancellationToken);
    db.Events.Add(new ReceivedEvent { Id = Guid.CreateVersion7(), Length = body.Length, ReceivedAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync(cancellationToken);
    return Results.Ok(new { received = true });
});

await app.RunAsync();
