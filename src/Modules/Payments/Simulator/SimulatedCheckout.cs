using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;

namespace PenToscana.Modules.Payments.Simulator;

/// <summary>A notice in a checkout cart (pagoPA Checkout <c>paymentNotices</c>).</summary>
internal sealed record CheckoutNotice(string NoticeNumber, string FiscalCode, long AmountCents, string CompanyName, string Description);

/// <summary>The carts of one checkout (each of at most five notices), the return URLs and the payer.</summary>
internal sealed record CheckoutRequest(string IdCart, IReadOnlyList<IReadOnlyList<CheckoutNotice>> Carts, string ReturnOkUrl, string ReturnCancelUrl,
    string ReturnErrorUrl, string? PayerTaxCode, string? PayerName, DateTimeOffset ExpiresAt);

/// <summary>An open checkout as read from the database.</summary>
internal sealed record CheckoutSession(string Id, CheckoutRequest Request, CheckoutState State);

/// <summary>
/// The simulated pagoPA Checkout: takes the body's carts (as <c>POST /carts</c> does) and shows them as one checkout page
/// where the citizen picks a PSP (card or bank transfer) and pays; each notice is then activated and receipted through
/// the node primitives by <see cref="NodeSimulator"/>. Sessions are rows, so a restart or another node finds them, and a
/// payment is claimed by one conditional update, so a double click or two nodes never take the money twice. Scoped: it
/// works in the request's own database context, each operation one statement or one save.
/// </summary>
internal sealed class SimulatedCheckout(PaymentsDb db, TimeProvider time)
{
    public const string BasePath = "/simulatore-pagopa/checkout";

    /// <summary>A claim older than this belongs to a request that died while paying: the session may be paid again.</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public async Task<string> OpenAsync(CheckoutRequest request, CancellationToken ct)
    {
        if (request.Carts.Any(c => c.Count is 0 or > 5))
        {
            throw new ArgumentException("Un carrello pagoPA contiene da 1 a 5 avvisi.", nameof(request));
        }

        var now = time.GetUtcNow();
        var stale = now.AddDays(-1);
        await db.SimulatedCheckouts.Where(s => s.ExpiresAt < stale).ExecuteDeleteAsync(ct);
        string id = Guid.NewGuid().ToString("N");
        db.SimulatedCheckouts.Add(new SimulatedCheckoutSession { Id = id, RequestJson = JsonSerializer.Serialize(request), ExpiresAt = request.ExpiresAt, State = CheckoutState.Open });
        await db.SaveChangesAsync(ct);
        return $"{BasePath}/{id}";
    }

    public async Task<CheckoutSession?> FindAsync(string id, CancellationToken ct)
    {
        if (id.Length != 32)
        {
            return null;
        }

        var row = await db.SimulatedCheckouts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return row is null ? null : new CheckoutSession(row.Id, JsonSerializer.Deserialize<CheckoutRequest>(row.RequestJson)!, row.State);
    }

    /// <summary>Takes the session for paying: true for exactly one caller while it is open (or its claim has lapsed).</summary>
    public async Task<bool> ClaimAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lapsed = now - ClaimTimeout;
        return await db.SimulatedCheckouts
            .Where(s => s.Id == id && (s.State == CheckoutState.Open || (s.State == CheckoutState.Paying && s.ClaimedAt < lapsed)))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, CheckoutState.Paying).SetProperty(s => s.ClaimedAt, now), ct) == 1;
    }

    public async Task CompleteAsync(string id, CancellationToken ct)
    {
        await db.SimulatedCheckouts.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.State, CheckoutState.Done), ct);
    }

    public bool IsExpired(CheckoutSession session) => session.Request.ExpiresAt < time.GetUtcNow();
}
