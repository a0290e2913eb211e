using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// Common ground of the invoice back office: the body named in the path and an operator who works for it. Anyone else
/// (another body's operator, a body's API client) gets 404, and every query below sees this body's rows only.
/// </summary>
internal abstract class InvoicingPage(KernelDb kernel, ICurrentUser user, BodyScope scope) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public string Base => $"/backoffice/{Ente.IpaCode}/fatture";

    protected ICurrentUser CurrentUser => user;

    /// <summary>False when the body does not exist or the signed-in person does not work for it: the page answers 404.</summary>
    protected async Task<bool> ResolveAsync(string ipa, CancellationToken ct)
    {
        if (User.FindFirst(ApiClientClaims.Body) is not null || !user.IsAuthenticated || user.TaxCode is null)
        {
            return false;
        }

        var ente = await kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null || !user.OperatorBodies.Contains(ente.Id))
        {
            return false;
        }

        scope.RestrictTo([ente.Id]);
        Ente = ente;
        return true;
    }

    public List<(string, string?)> Crumbs(params (string, string?)[] tail)
        => [("Back office", null), (Ente.Name, null), ("Fatture ricevute", tail.Length == 0 ? null : Base), .. tail];

    public static string Euro(long cents) => (cents / 100m).ToString("N2", Italian) + " €";

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string StatusLabel(ReceivedInvoiceStatus status) => status switch
    {
        ReceivedInvoiceStatus.Received => "In attesa di esito",
        ReceivedInvoiceStatus.Accepted => "Accettata (EC01)",
        ReceivedInvoiceStatus.Refused => "Rifiutata (EC02)",
        ReceivedInvoiceStatus.Expired => "Decorrenza termini",
        ReceivedInvoiceStatus.Paid => "Pagata",
        _ => status.ToString(),
    };

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
}

/// <summary>The register's filters, bound from the query string the same way by the list and by its printable view.</summary>
internal abstract class RegisterFilterPage(KernelDb kernel, ICurrentUser user, BodyScope scope) : InvoicingPage(kernel, user, scope)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Stato { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Fornitore { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public DateOnly? Dal { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public DateOnly? Al { get; set; }
}
