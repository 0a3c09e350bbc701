namespace MspasTramite.Bench;

/// A counter on one terminal line; nothing when the output goes to a file.
internal static class Progress
{
    public static void Report(int rows)
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Write($"\r  {rows:N0} applications");
        }
    }

    public static void Done(int rows)
    {
        if (!Console.IsOutputRedirected)
        {
            Console.Write('\r');
        }

        Console.WriteLine($"  {rows:N0} applications inserted");
    }
}
