using System.Diagnostics;

namespace MspasTramite.Web.Tests.TestKit;

/// Reads the QR code printed on a PDF as a phone camera would: the first page rendered to an image
/// (poppler's pdftoppm) and the code read from the pixels (zbar's zbarimg). ./test.sh installs both.
public static class QrCodes
{
    public static async Task<string> ReadFromPdfAsync(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var directory = Directory.CreateTempSubdirectory("mspas-qr-");
        try
        {
            var file = Path.Combine(directory.FullName, "document.pdf");
            var image = Path.Combine(directory.FullName, "page");
            await File.WriteAllBytesAsync(file, pdf);
            await RunAsync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", file, image]);
            return (await RunAsync("zbarimg", ["--quiet", "--raw", image + ".png"])).Trim();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
