using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MspasTramite.Core.Identity;

namespace MspasTramite.Web.Account;

/// A password hash that belongs to nobody, made once with the app's own hasher (so with its rounds).
/// A sign-in for an unknown email is checked against it, which costs exactly what checking a real
/// account's password costs: the answer's timing does not tell who has an account.
public sealed class DecoyPasswordHash
{
    private static readonly ApplicationUser Nobody = new();
    private string? hash;

    /// Runs the same PBKDF2 work as a real check; the result is always a failure.
    public void Verify(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        // A race on first use makes two equivalent hashes; either will do.
        hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        _ = hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
