using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.Modules.InfoDesk.Features.Open311;

/// <summary>Integrator keys for POST requests: stored as SHA-256, checked per body.</summary>
internal static class Open311Keys
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static async Task<bool> IsValidAsync(InfoDeskDb db, string? key, string ipa, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var hash = Hash(key.Trim());
        var row = await db.Open311Keys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        return row is not null && row.Covers(ipa);
    }
}
