using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Payments.Simulator;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Simulatore;

/// <summary>The simulated pagoPA Checkout: one page for all the node carts of a checkout, card or bank transfer.</summary>
[AllowAnonymous]
internal sealed class CheckoutModel(IServiceProvider services) : PageModel
{
    public CheckoutSession? Session { get; private set; }

    public List<(CheckoutNotice Notice, NodeOutcome Outcome)> Verified { get; } = [];

    [BindProperty]
    public string? Method { get; set; }

    public string? Error { get; private set; }

    private SimulatedCheckout? Checkout => services.GetService(typeof(SimulatedCheckout)) as SimulatedCheckout;

    private NodeSimulator? Node => services.GetService(typeof(NodeSimulator)) as NodeSimulator;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (Checkout is null || await Checkout.FindAsync(id, ct) is not { } session || Node is not { } node)
        {
            return NotFound();
        }

        Session = session;
        foreach (var notice in session.Request.Carts.SelectMany(c => c))
        {
            var (_, outcome) = await node.VerifyAsync(notice.FiscalCode, notice.NoticeNumber, ct);
            Verified.Add((notice, outcome));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(string id, CancellationToken ct)
    {
        if (Checkout is null || await Checkout.FindAsync(id, ct) is not { } session || Node is not { } node)
        {
            return NotFound();
        }

        var psp = SimulatedPsp.ByKey(Method);
        if (psp is null || (psp != SimulatedPsp.Card && psp != SimulatedPsp.BankTransfer))
        {
            Error = "Scegli come pagare: carta o bonifico.";
            return await OnGetAsync(id, ct);
        }

        if (session.State == CheckoutState.Done)
        {
            return Redirect(session.Request.ReturnOkUrl);
        }

        if (Checkout.IsExpired(session))
        {
            return Redirect(session.Request.ReturnErrorUrl);
        }

        if (!await Checkout.ClaimAsync(id, ct))
        {
            // A second click, a reload or another node: the money is taken once, the outcome page shows it.
            return Redirect(session.Request.ReturnOkUrl);
        }

        bool allPaid = true;
        for (int c = 0; c < session.Request.Carts.Count; c++)
        {
            // One node cart is one PSP transaction; each notice in it gets its own receipt.
            foreach (var notice in session.Request.Carts[c])
            {
                var (outcome, _) = await node.PayAsync(notice.FiscalCode, notice.NoticeNumber, psp, session.Request.PayerTaxCode, session.Request.PayerName,
                    $"{session.Request.IdCart}-{c + 1}", ct);
                allPaid &= outcome.Ok;
            }
        }

        await Checkout.CompleteAsync(id, CancellationToken.None);
        return Redirect(allPaid ? session.Request.ReturnOkUrl : session.Request.ReturnErrorUrl);
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
        => Checkout is not null && await Checkout.FindAsync(id, ct) is { } session ? Redirect(session.Request.ReturnCancelUrl) : NotFound();
}
