using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.BrowseRegister;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The register as a printable document: every row matching the filters, no paging, no site chrome.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class StampaModel(KernelDb kernel, ICurrentUser user, BodyScope scope, BrowseRegisterHandler browse, TimeProvider time) : RegisterFilterPage(kernel, user, scope)
{
    public BrowseRegisterResponse Result { get; private set; } = null!;

    public DateTimeOffset PrintedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        PrintedAt = time.GetUtcNow();
        Result = await browse.HandleAsync(new BrowseRegisterRequest(Ente.Id) { Status = Stato, Supplier = Fornitore, From = Dal, To = Al, PageSize = 0 }, ct);
        return Page();
    }

    public string Criteria()
    {
        var parts = new List<string>();
        if (Stato is not null && RegisterQuery.StatusFilters.TryGetValue(Stato, out var label))
        {
            parts.Add("stato: " + label.ToLowerInvariant());
        }

        if (!string.IsNullOrWhiteSpace(Fornitore))
        {
            parts.Add($"fornitore: «{Fornitore}»");
        }

        if (Dal is not null)
        {
            parts.Add("dal " + Date(Dal));
        }

        if (Al is not null)
        {
            parts.Add("al " + Date(Al));
        }

        return parts.Count == 0 ? "tutte le fatture registrate" : string.Join(", ", parts);
    }
}
