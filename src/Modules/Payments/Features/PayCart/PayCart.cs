using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Simulator;

namespace PenToscana.Modules.Payments.Features.PayCart;

public sealed record CartNotice(string BodyTaxCode, string NoticeNumber);

/// <summary>
/// One checkout for notices of any number of bodies. pagoPA carts hold at most five notices, so the cart is split
/// into node carts of five and the checkout shows them as one payment.
/// </summary>
internal sealed class PayCartHandler(PaymentsDb db, BodyDirectory bodies, ICurrentUser user, TimeProvider time, IServiceProvider services)
{
    public const int NodeCartSize = 5;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>Returns the URL of the checkout to send the citizen to.</summary>
    public async Task<Result<string>> HandleAsync(IReadOnlyList<CartNotice> notices, string returnBase, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return new Error("payments.cart_empty", "Seleziona almeno un avviso da pagare.");
        }

        if (notices.Count > 50)
        {
            return new Error("payments.cart_too_big", "Puoi pagare al massimo 50 avvisi alla volta.");
        }

        var checkout = services.GetService(typeof(SimulatedCheckout)) as SimulatedCheckout;
        if (checkout is null)
        {
            return new Error("payments.no_checkout", "Il pagamento online non è disponibile in questo momento.");
        }

        var now = time.GetUtcNow();
        var cart = new Cart { Id = Guid.CreateVersion7(now), OwnerTaxCode = user.TaxCode!, CreatedAt = now, ExpiresAt = now + Timeout };
        int n = 0;
        foreach (var notice in notices.DistinctBy(x => (x.BodyTaxCode, x.NoticeNumber)))
        {
            var body = await bodies.ByTaxCodeAsync(notice.BodyTaxCode, ct);
            if (body is null || !NoticeNumber.TryParse(notice.NoticeNumber, out var parsed, out var error))
            {
                return new Error("payments.cart_notice", $"L'avviso {notice.NoticeNumber} non è valido.");
            }

            var instalment = await db.Instalments.AsNoTracking().SingleOrDefaultAsync(i => i.EnteId == body.Id && i.NoticeNumber == parsed.Value, ct);
            if (instalment is null || instalment.Status != InstalmentStatus.Unpaid)
            {
                return new Error("payments.cart_notice", $"L'avviso {parsed.Grouped} di {body.Name} non è pagabile.");
            }

            cart.Items.Add(new CartItem
            {
                Id = Guid.CreateVersion7(now),
                CartId = cart.Id,
                EnteId = body.Id,
                BodyTaxCode = body.TaxCode,
                BodyName = body.Name,
                NoticeNumber = parsed.Value,
                AmountCents = instalment.AmountCents,
                Description = instalment.Description,
                NodeCart = n++ / NodeCartSize,
            });
        }

        db.Carts.Add(cart);
        await db.SaveChangesAsync(ct);
        string url = await checkout.OpenAsync(new CheckoutRequest(
            cart.Id.ToString("N"),
            cart.Items.GroupBy(i => i.NodeCart).OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<CheckoutNotice>)g.Select(i => new CheckoutNotice(i.NoticeNumber, i.BodyTaxCode, i.AmountCents, i.BodyName, i.Description)).ToList()).ToList(),
            $"{returnBase}/area-personale/pagamenti/esito/{cart.Id:N}?esito=ok",
            $"{returnBase}/area-personale/pagamenti/esito/{cart.Id:N}?esito=annullato",
            $"{returnBase}/area-personale/pagamenti/esito/{cart.Id:N}?esito=errore",
            user.TaxCode,
            user.DisplayName,
            cart.ExpiresAt), ct);
        return url;
    }
}
