namespace MspasTramite.E2E.Kit;

public static class TestEnvironment
{
    /// The SMTP server and its mail folder are started by ./test.sh (infra/test/services.sh), not by the tests.
    public static string Require(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{name} is not set. The end-to-end tests need the SMTP server that ./test.sh starts: run ./test.sh, " +
                "or `source infra/test/services.sh start` in your shell before `dotnet test e2e/MspasTramite.E2E`.");
        }

        return value;
    }
}
