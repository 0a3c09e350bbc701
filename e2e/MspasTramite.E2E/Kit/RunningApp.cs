namespace MspasTramite.E2E.Kit;

/// One app process and one browser for the whole run: starting them is the slow part. Each journey
/// gets its own browser context (cookies, storage), so journeys do not see each other's sessions.
[CollectionDefinition(Name)]
public sealed class RunningApp : ICollectionFixture<AppServer>, ICollectionFixture<Chromium>
{
    public const string Name = "Running app";
}
