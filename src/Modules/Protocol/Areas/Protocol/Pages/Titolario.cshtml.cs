using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>
/// The body's classification scheme. Administrators add entries, rename them and retire them; a retired entry stays on
/// the entries already classified under it (a code is never reused for something else).
/// </summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed partial class TitolarioModel(ProtocolAccess access, ProtocolDb db) : ProtocolPage(access)
{
    public IReadOnlyList<ClassificationNode> Nodes { get; private set; } = [];

    [BindProperty]
    public string? Codice { get; set; }

    [BindProperty]
    public string? Titolo { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
        => await LoadAsync(ipa, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        if (!Actor.IsAdmin)
        {
            return Forbid();
        }

        var code = Codice?.Trim() ?? string.Empty;
        var title = Titolo?.Trim() ?? string.Empty;
        if (!CodePattern().IsMatch(code))
        {
            ModelState.AddModelError(nameof(Codice), "Il codice è fatto di numeri separati da punti, ad esempio 6 o 6.3.");
        }

        if (title.Length is 0 or > 300)
        {
            ModelState.AddModelError(nameof(Titolo), "Indicare la denominazione (al massimo 300 caratteri).");
        }

        if (ModelState.IsValid && Nodes.Any(n => n.Code == code))
        {
            ModelState.AddModelError(nameof(Codice), $"Il codice {code} esiste già nel titolario.");
        }

        int dot = code.LastIndexOf('.');
        if (ModelState.IsValid && dot > 0 && !Nodes.Any(n => n.Code == code[..dot]))
        {
            ModelState.AddModelError(nameof(Codice), $"Prima va creata la voce {code[..dot]}.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Classification.Add(new ClassificationNode { Id = Guid.CreateVersion7(), EnteId = Actor.Ente.Id, Code = code, Title = title });
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Voce {code} aggiunta al titolario.";
        return Redirect($"{Base}/titolario");
    }

    public async Task<IActionResult> OnPostToggleAsync(string ipa, Guid nodeId, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        if (!Actor.IsAdmin)
        {
            return Forbid();
        }

        var node = await db.Classification.FirstOrDefaultAsync(n => n.Id == nodeId && n.EnteId == Actor.Ente.Id, ct);
        if (node is null)
        {
            return NotFound();
        }

        node.Active = !node.Active;
        await db.SaveChangesAsync(ct);
        TempData["Success"] = node.Active ? $"Voce {node.Code} di nuovo in uso." : $"Voce {node.Code} non più proposta per le nuove registrazioni.";
        return Redirect($"{Base}/titolario");
    }

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        Nodes = (await db.Classification.AsNoTracking().Where(c => c.EnteId == Actor.Ente.Id).ToListAsync(ct))
            .OrderBy(n => n.Code.Split('.').Select(int.Parse).ToArray(), Comparer<int[]>.Create(CompareCodes)).ToList();
        return true;
    }

    private static int CompareCodes(int[] a, int[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,3}){0,4}$")]
    private static partial Regex CodePattern();
}
