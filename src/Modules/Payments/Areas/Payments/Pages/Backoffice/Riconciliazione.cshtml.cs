using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.Reconcile;
using PenToscana.Modules.Payments.Simulator;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>
/// Reconciliation: reporting flows received (from the node, or uploaded), matched against receipts, and the anomalies —
/// paid but not reported, reported but unknown, amount mismatch, receipts that could not close a notice.
/// </summary>
[Authorize(Policy = "operator")]
internal sealed class RiconciliazioneModel(PaymentsDb db, ImportReportingFlowHandler import, IServiceProvider services) : PageModel
{
    public Body Body { get; private set; } = null!;

    public IReadOnlyList<ReportingFlow> Flows { get; private set; } = [];

    public IReadOnlyList<ReportedPayment> ReportedAnomalies { get; private set; } = [];

    public IReadOnlyList<Receipt> PaidNotReported { get; private set; } = [];

    public IReadOnlyList<Receipt> ReceiptAnomalies { get; private set; } = [];

    public bool NodeAvailable => services.GetService(typeof(SimulatedReporting)) is not null;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFetchAsync(string ipa, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body || services.GetService(typeof(SimulatedReporting)) is not SimulatedReporting node)
        {
            return NotFound();
        }

        int count = 0;
        foreach (var xml in await node.PublishFlowsAsync(body.TaxCode, body.Name, ct))
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
            var result = await import.HandleAsync(body, stream, ct);
            count += result.IsSuccess ? 1 : 0;
        }

        TempData["Success"] = count == 0 ? "Nessun nuovo flusso di rendicontazione." : $"Importati {count} flussi di rendicontazione.";
        return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/riconciliazione");
    }

    public async Task<IActionResult> OnPostUploadAsync(string ipa, IFormFile? file, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        if (file is null || file.Length is 0 or > 50_000_000)
        {
            ModelState.AddModelError("file", "Scegli un file XML di flusso di rendicontazione (al massimo 50 MB).");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var result = await import.HandleAsync(body, stream, ct);
            if (result.IsSuccess)
            {
                TempData["Success"] = $"Flusso {result.Value.FlowId} importato.";
                return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/riconciliazione");
            }

            ModelState.AddModelError("file", result.Error.Message);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Flows = await db.Flows.AsNoTracking().Where(f => f.EnteId == Body.Id).Include(f => f.Payments).OrderByDescending(f => f.ImportedAt).Take(50).ToListAsync(ct);
        var flowIds = Flows.Select(f => f.Id).ToList();
        ReportedAnomalies = await db.ReportedPayments.AsNoTracking().Where(p => flowIds.Contains(p.FlowId) && p.Match != ReportMatch.Matched).ToListAsync(ct);
        var unreportedInstalments = db.Transfers.Where(t => t.ReportedAt == null).Select(t => t.InstalmentId);
        PaidNotReported = await db.Receipts.AsNoTracking()
            .Where(r => r.EnteId == Body.Id && r.Anomaly == null && r.InstalmentId != null && unreportedInstalments.Contains(r.InstalmentId.Value))
            .OrderBy(r => r.PaymentDateTime).Take(200).ToListAsync(ct);
        ReceiptAnomalies = await db.Receipts.AsNoTracking().Where(r => r.EnteId == Body.Id && r.Anomaly != null).OrderBy(r => r.ReceivedAt).Take(200).ToListAsync(ct);
    }
}
