using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Payments;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.Webhooks;

/// <summary>An address of a body's own system that is told, with a signed POST, when one of its positions is paid.</summary>
internal sealed class Webhook : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Url { get; set; }

    /// <summary>The shared secret of the HMAC-SHA256 signature; the body's system keeps the same value.</summary>
    public required string Secret { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<WebhookDelivery> Deliveries { get; set; } = [];
}

/// <summary>One event sent (or being sent) to one webhook; the outbox retries it with back-off until it is accepted.</summary>
internal sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid WebhookId { get; set; }

    public required string EventType { get; set; }

    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>Outbox message: deliver <see cref="WebhookDelivery"/> <paramref name="DeliveryId"/>.</summary>
internal sealed record WebhookDeliveryDue(Guid DeliveryId);

/// <summary>Registers a webhook: an https address (http only on the loopback, for development) and a secret of 16–100 characters.</summary>
internal sealed class RegisterWebhookHandler(PaymentsDb db, TimeProvider time)
{
    public const int MaxPerBody = 5;

    public async Task<Result<Webhook>> HandleAsync(Body body, string? url, string? secret, string createdBy, CancellationToken ct)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url!.Trim().Length > 500 || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return new Error("payments.webhook_url", "Indica un indirizzo web completo (https://…) di al massimo 500 caratteri.");
        }

        if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            return new Error("payments.webhook_https", "L'indirizzo deve usare https: le notifiche contengono dati personali.");
        }

        if (secret is null || secret.Length is < 16 or > 100)
        {
            return new Error("payments.webhook_secret", "Il segreto condiviso deve avere da 16 a 100 caratteri.");
        }

        if (await db.Webhooks.CountAsync(w => w.EnteId == body.Id, ct) >= MaxPerBody)
        {
            return new Error("payments.webhook_count", $"Un ente può registrare al massimo {MaxPerBody} webhook.");
        }

        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            EnteId = body.Id,
            Url = uri.ToString(),
            Secret = secret,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(ct);
        return webhook;
    }
}

/// <summary>
/// On a paid position, one delivery per webhook of the body is written together with its outbox message, so each
/// address is retried on its own. Delivery ids derive from the paid event's message id, so a second delivery of the
/// same event adds nothing.
/// </summary>
internal sealed class PaidWebhookFanOut(PaymentsDb db, BodyDirectory bodies, TimeProvider time) : IIntegrationEventHandler<DebtPositionPaid>
{
    public const string EventType = "debt_position.paid";

    public async Task HandleAsync(DebtPositionPaid paid, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var body = await bodies.ByIpaAsync(paid.EnteIpa, cancellationToken);
        if (body is null)
        {
            return;
        }

        var hooks = await db.Webhooks.IgnoreQueryFilters().AsNoTracking().Where(w => w.EnteId == body.Id).Select(w => w.Id).ToListAsync(cancellationToken);
        if (hooks.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var ids = hooks.ToDictionary(h => h, h => DeliveryId(context.MessageId, h));
        var existing = await db.WebhookDeliveries.AsNoTracking().Where(d => ids.Values.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var (hook, id) in ids.Where(p => !existing.Contains(p.Value)))
        {
            string payload = JsonSerializer.Serialize(new
            {
                id,
                type = EventType,
                createdAt = now,
                data = new { enteIpa = paid.EnteIpa, iupd = paid.Iupd, sourceKey = paid.SourceKey, amountCents = paid.AmountCents, paidAt = paid.PaidAt },
            });
            db.WebhookDeliveries.Add(new WebhookDelivery { Id = id, WebhookId = hook, EventType = EventType, Payload = payload, CreatedAt = now });
            db.Publish(new WebhookDeliveryDue(id), now, body.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A name-based id (SHA-256 of the two ids, version bits of a v8 UUID): the same pair always gives the same delivery.</summary>
    internal static Guid DeliveryId(Guid messageId, Guid webhookId)
    {
        Span<byte> input = stackalloc byte[32];
        messageId.TryWriteBytes(input[..16]);
        webhookId.TryWriteBytes(input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}

/// <summary>
/// Sends one delivery: <c>POST</c> of the JSON payload with <c>X-PenToscana-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 with the webhook's secret of <c>&lt;timestamp&gt;.&lt;body&gt;</c>, where the timestamp (Unix seconds) is in
/// <c>X-PenToscana-Timestamp</c>. Any answer other than 2xx, or no answer within 10 s, throws: the outbox tries
/// again with growing back-off. A webhook removed meanwhile ends the delivery.
/// </summary>
internal sealed class WebhookSender(PaymentsDb db, IHttpClientFactory clients, TimeProvider time) : IIntegrationEventHandler<WebhookDeliveryDue>
{
    public const string ClientName = "payments-webhooks";

    public async Task HandleAsync(WebhookDeliveryDue due, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == due.DeliveryId, cancellationToken);
        if (delivery is null || delivery.DeliveredAt is not null)
        {
            return;
        }

        var hook = await db.Webhooks.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        if (hook is null)
        {
            return;
        }

        string timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-PenToscana-Event", delivery.EventType);
        request.Headers.Add("X-PenToscana-Delivery", delivery.Id.ToString());
        request.Headers.Add("X-PenToscana-Timestamp", timestamp);
        request.Headers.Add("X-PenToscana-Signature", "sha256=" + Sign(hook.Secret, timestamp, delivery.Payload));

        delivery.Attempts++;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastError = response.IsSuccessStatusCode ? null : $"Risposta HTTP {(int)response.StatusCode}";
            if (response.IsSuccessStatusCode)
            {
                delivery.DeliveredAt = time.GetUtcNow();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            delivery.LastError = ex is TaskCanceledException ? "Nessuna risposta entro 10 secondi" : "Indirizzo non raggiungibile";
        }

        await db.SaveChangesAsync(CancellationToken.None);
        if (delivery.DeliveredAt is null)
        {
            throw new HttpRequestException($"Webhook {hook.Id} did not accept delivery {delivery.Id}: {delivery.LastError}");
        }
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <c>timestamp + "." + payload</c>.</summary>
    public static string Sign(string secret, string timestamp, string payload)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + payload)));
}
