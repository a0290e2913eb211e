using System.Collections.Concurrent;

namespace PenToscana.Modules.Payments.Simulator;

/// <summary>A notice in a checkout cart (pagoPA Checkout <c>paymentNotices</c>).</summary>
internal sealed record CheckoutNotice(string NoticeNumber, string FiscalCode, long AmountCents, string CompanyName, string Description);

/// <summary>The carts of one checkout (each of at most five notices), the return URLs and the payer.</summary>
internal sealed record CheckoutRequest(string IdCart, IReadOnlyList<IReadOnlyList<CheckoutNotice>> Carts, string ReturnOkUrl, string ReturnCancelUrl,
    string ReturnErrorUrl, string? PayerTaxCode, string? PayerName, DateTimeOffset ExpiresAt);

internal sealed class CheckoutSession(CheckoutRequest request)
{
    public CheckoutRequest Request { get; } = request;

    public bool Completed { get; set; }

    public SemaphoreSlim Gate { get; } = new(1, 1);
}

/// <summary>
/// The simulated pagoPA Checkout: takes the body's carts (as <c>POST /carts</c> does) and shows them as one checkout page
/// where the citizen picks a PSP (card or bank transfer) and pays; each notice is then activated and receipted through
/// the node primitives by <see cref="NodeSimulator"/>.
/// </summary>
internal sealed class SimulatedCheckout(TimeProvider time)
{
    public const string BasePath = "/simulatore-pagopa/checkout";

    private readonly ConcurrentDictionary<string, CheckoutSession> sessions = new();

    public string Open(CheckoutRequest request)
    {
        foreach (var (key, old) in sessions)
        {
            if (old.Request.ExpiresAt < time.GetUtcNow().AddHours(-1))
            {
                sessions.TryRemove(key, out _);
            }
        }

        if (request.Carts.Any(c => c.Count is 0 or > 5))
        {
            throw new ArgumentException("Un carrello pagoPA contiene da 1 a 5 avvisi.", nameof(request));
        }

        string id = Guid.NewGuid().ToString("N");
        sessions[id] = new CheckoutSession(request);
        return $"{BasePath}/{id}";
    }

    public CheckoutSession? Find(string id) => sessions.GetValueOrDefault(id);

    public bool IsExpired(CheckoutSession session) => session.Request.ExpiresAt < time.GetUtcNow();
}
