using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Simulator;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Simulatore;

/// <summary>
/// A simulated counter (tabaccheria, SISAL, Poste, supermarket): the clerk reads the notice (code and body, or the QR or
/// Data Matrix text), the node verifies it with the body, the citizen pays cash and the receipt goes to the body.
/// </summary>
[AllowAnonymous]
internal sealed class SportelloModel(IServiceProvider services) : PageModel
{
    [BindProperty]
    public string? Channel { get; set; } = SimulatedPsp.Tobacconist.Key;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? BodyTaxCode { get; set; }

    public VerifiedNotice? Verified { get; private set; }

    public string? Message { get; private set; }

    public bool Paid { get; private set; }

    private NodeSimulator? Node => services.GetService(typeof(NodeSimulator)) as NodeSimulator;

    public IActionResult OnGet() => Node is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (Node is not { } node)
        {
            return NotFound();
        }

        if (!Read(out var cf, out var notice))
        {
            return Page();
        }

        var (verified, outcome) = await node.VerifyAsync(cf, notice, ct);
        Verified = verified;
        Message = outcome.Ok ? null : outcome.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(CancellationToken ct)
    {
        if (Node is not { } node)
        {
            return NotFound();
        }

        var psp = SimulatedPsp.Counters.FirstOrDefault(p => p.Key == Channel);
        if (psp is null)
        {
            Message = "Scegli il canale fisico.";
            return Page();
        }

        if (!Read(out var cf, out var notice))
        {
            return Page();
        }

        var (outcome, _) = await node.PayAsync(cf, notice, psp, null, null, null, ct);
        Paid = outcome.Ok;
        Message = outcome.Ok ? $"Pagamento eseguito presso: {psp.Label}. La ricevuta è stata inviata all'ente." : outcome.Message;
        return Page();
    }

    /// <summary>Accepts the code and body, or the QR text (PAGOPA|002|...), or the Poste Data Matrix text.</summary>
    private bool Read(out string bodyCf, out string notice)
    {
        bodyCf = BodyTaxCode?.Trim() ?? "";
        notice = Code?.Trim() ?? "";
        if (notice.StartsWith("PAGOPA|", StringComparison.Ordinal) && notice.Split('|') is { Length: 5 } qr)
        {
            notice = qr[2];
            bodyCf = qr[3];
        }
        else if (notice.StartsWith("codfase=NBPA;", StringComparison.Ordinal) && notice.Length >= 77)
        {
            bodyCf = notice.Substring(66, 11);
            notice = notice.Substring(15, 18);
        }

        if (!NoticeNumber.TryParse(notice, out var parsed, out var error))
        {
            Message = error;
            return false;
        }

        notice = parsed.Value;
        if (bodyCf.Length != 11 || !bodyCf.All(char.IsAsciiDigit))
        {
            Message = "Il codice fiscale dell'ente creditore ha 11 cifre.";
            return false;
        }

        Code = notice;
        BodyTaxCode = bodyCf;
        return true;
    }
}
