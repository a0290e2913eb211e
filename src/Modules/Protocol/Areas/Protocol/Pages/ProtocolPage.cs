using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Protocol.Features.Api;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>Common ground of the register's operator pages: the body in the path and the operator acting on it.</summary>
internal abstract class ProtocolPage(ProtocolAccess access) : PageModel
{
    public ProtocolActor Actor { get; private set; } = null!;

    public string Ipa => Actor.Ente.IpaCode;

    public string Base => $"/backoffice/{Actor.Ente.IpaCode}/protocollo";

    /// <summary>False when the body does not exist or the operator does not work for it: the page answers 404.</summary>
    protected async Task<bool> ResolveAsync(string ipa, CancellationToken ct)
    {
        if (await access.ResolveAsync(User, ipa, ct) is not { IsClient: false } actor)
        {
            return false;
        }

        Actor = actor;
        return true;
    }

    protected async Task<bool> ResolveByIdAsync(Guid enteId, CancellationToken ct)
    {
        var ipa = await access.IpaOfAsync(enteId, ct);
        return ipa is not null && await ResolveAsync(ipa, ct);
    }

    protected List<(string, string?)> Crumbs(params (string, string?)[] tail)
        => [("Back office", null), (Actor.Ente.Name, null), ("Protocollo", Base), .. tail];
}
