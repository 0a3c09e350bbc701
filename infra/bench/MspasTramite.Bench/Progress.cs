namespace MspasTramite.Bench;

/// A counter on one terminal line; nothing when the output goes to a file.
internal static class Progress
{
    public static void Report(int rows, string what = "applications")
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Write($"\r  {rows:N0} {what}");
        }
    }

    public static void Done(int rows, string what = "applications")
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Write('\r');
        }

        Console.WriteLine($"  {rows:N0} {what} inserted");
    }
}
