namespace PenToscana.Kernel.Blobs;

/// <summary>The address of a stored blob: the lowercase hex SHA-256 of its bytes, and how many bytes there are.</summary>
public sealed record BlobRef(string Sha256, long Length)
{
    /// <summary>True for exactly 64 lowercase hex characters, the only form a blob address takes.</summary>
    public static bool IsWellFormedSha256(string? value)
    {
        if (value is null || value.Length != 64)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    internal static void ThrowIfMalformed(string? sha256, string paramName)
    {
        if (!IsWellFormedSha256(sha256))
        {
            throw new ArgumentException("Un indirizzo di blob è un SHA-256 di 64 caratteri esadecimali minuscoli.", paramName);
        }
    }
}

/// <summary>What the caller already knows about the content it puts; any part that does not match rejects the put.</summary>
public sealed record BlobExpectation(string? Sha256 = null, long? Length = null);

/// <summary>The outcome of re-hashing a stored blob.</summary>
public sealed record BlobVerification(string Sha256, BlobIntegrity Integrity, string? ActualSha256, long? ActualLength)
{
    public bool IsIntact => Integrity == BlobIntegrity.Intact;
}

public enum BlobIntegrity
{
    Intact,
    Corrupted,
    Missing,
}
