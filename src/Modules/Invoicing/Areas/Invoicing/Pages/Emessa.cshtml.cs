using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.RenderInvoice;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>One issued invoice with its status and every SdI notification on its timeline.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class EmessaModel(KernelDb kernel, ICurrentUser user, BodyScope scope, InvoicingDb db, IBlobStore blobs) : InvoicingPage(kernel, user, scope)
{
    public string IssuedBase => $"/backoffice/{Ente.IpaCode}/fatture-emesse";

    public IssuedInvoice Invoice { get; private set; } = null!;

    public IReadOnlyList<InvoiceExchangeEvent> Events { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var invoice = await db.IssuedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.EnteId == Ente.Id, ct);
        if (invoice is null)
        {
            return NotFound();
        }

        Invoice = invoice;
        Events = await db.ExchangeEvents.AsNoTracking().Where(e => e.InvoiceId == id && e.EnteId == Ente.Id).OrderBy(e => e.At).ToListAsync(ct);
        return Page();
    }

    /// <summary>One file of the invoice's exchange with SdI (a notification, the outcome received), as SdI named it.</summary>
    public async Task<IActionResult> OnGetMessaggioAsync(string ipa, Guid id, Guid evento, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct) || await ExchangeFiles.OpenAsync(db, blobs, Ente.Id, id, evento, ct) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.MediaType, file.Name);
    }

    /// <summary>The issued invoice rendered as PDF.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var invoice = await db.IssuedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.EnteId == Ente.Id, ct);
        if (invoice is null)
        {
            return NotFound();
        }

        var (pdf, problem) = await InvoicePdfFile.RenderAsync(blobs, invoice.FileSha256, ct);
        if (pdf is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Content("La fattura non può essere resa in PDF: " + problem, "text/plain; charset=utf-8");
        }

        return File(pdf, "application/pdf", InvoicePdfFile.Name(invoice.FileName));
    }
}
