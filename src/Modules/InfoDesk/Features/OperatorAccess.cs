using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>The body named in a back-office URL, when the signed-in operator works for it (platform administrators: any).</summary>
internal sealed class OperatorAccess(Bodies bodies, ICurrentUser user)
{
    public const string Policy = "operator";

    public async Task<Ente?> BodyAsync(string ipa, CancellationToken ct)
    {
        var ente = await bodies.ByIpaAsync(ipa, ct);
        return ente is not null && (user.IsPlatformAdmin || user.OperatorBodies.Contains(ente.Id)) ? ente : null;
    }
}
