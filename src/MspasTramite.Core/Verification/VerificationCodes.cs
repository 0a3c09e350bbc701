using System.Security.Cryptography;

namespace MspasTramite.Core.Verification;

/// The codes printed on receipts and resolutions and carried by their QR codes to /verificar/{code}.
public static class VerificationCodes
{
    // No 0/O, 1/I/L: a person copying the code from paper cannot mistake one for another.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// 12 symbols of 32, from the system's cryptographic generator: 60 random bits, so a document
    /// cannot be found by guessing or counting, and the code says nothing about its number.
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);

    /// What a person typed, as stored: spaces around it dropped, lower case accepted.
    public static string Normalize(string? typed) => (typed ?? "").Trim().ToUpperInvariant();
}
