namespace MspasTramite.E2E.Kit;

public static class Paths
{
    private static readonly Lazy<string> RepositoryRoot = new(FindRepositoryRoot);
    private static readonly Lazy<string> ArtifactsRoot = new(PrepareArtifacts);

    /// The checkout the tests run from: the folder holding MspasTramite.sln.
    public static string Root => RepositoryRoot.Value;

    /// Screenshots, failure pages and the app's log, for people to look at after a run.
    /// Under TestResults/ so git ignores it; the failures of an earlier run are cleared so none misleads.
    public static string Artifacts => ArtifactsRoot.Value;

    public static string Artifact(string folder, string fileName)
    {
        var directory = Path.Combine(Artifacts, folder);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MspasTramite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MspasTramite.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string PrepareArtifacts()
    {
        var root = Path.Combine(Root, "e2e", "MspasTramite.E2E", "TestResults", "e2e");
        var failures = Path.Combine(root, "failures");
        if (Directory.Exists(failures))
        {
            Directory.Delete(failures, recursive: true);
        }

        Directory.CreateDirectory(root);
        return root;
    }
}
