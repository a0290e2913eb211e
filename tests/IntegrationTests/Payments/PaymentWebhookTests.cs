using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using static PenToscana.IntegrationTests.Payments.PaymentsTestData;

namespace PenToscana.IntegrationTests.Payments;

/// <summary>Webhooks on payment: a body's own system receives a signed POST for each paid position, retried until accepted.</summary>
public sealed class PaymentWebhookTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Secret = "segreto-condiviso-di-prova-0123456789";

    [Fact]
    public async Task A_paid_position_is_posted_signed_to_the_body_webhook_and_retried_after_a_refusal()
    {
        using var receiver = new WebhookReceiver(refuseFirst: 1);
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var registered = await admin.PostFormAsync("/backoffice/c_d612/pagamenti/webhook", "/backoffice/c_d612/pagamenti/webhook", new Dictionary<string, string>
        {
            ["Address"] = receiver.Url,
            ["Secret"] = Secret,
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await registered.Content.ReadAsStringAsync());

        string notice;
        await using (var scope = platform.Service<IServiceScopeFactory>().CreateAsyncScope())
        {
            var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>();
            var created = await payments.CreatePositionAsync(new PenToscana.Contracts.Payments.DebtPositionRequest(
                "c_d612", Personas.CitizenMario, "Mario Rossi", "Passo carrabile 2026", 6700, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), "webhook-1"));
            created.Succeeded.ShouldBeTrue(created.ErrorMessage);
            notice = created.Position!.Notices[0].NoticeNumber;
        }

        using var counter = platform.CreateBrowserLikeClient();
        var pay = await counter.PostFormAsync("/simulatore-pagopa/sportello", "/simulatore-pagopa/sportello?handler=Pay", new Dictionary<string, string>
        {
            ["Channel"] = "poste",
            ["Code"] = notice,
            ["BodyTaxCode"] = Firenze,
        });
        (await pay.Content.ReadAsStringAsync()).ShouldContain("Pagamento eseguito");

        var accepted = await receiver.AcceptedAsync(TimeSpan.FromSeconds(90));
        receiver.Received.Count.ShouldBeGreaterThanOrEqualTo(2, "the first attempt is refused with 500 and must be tried again");
        accepted.Headers["X-PenToscana-Event"].ShouldBe("debt_position.paid");
        var timestamp = accepted.Headers["X-PenToscana-Timestamp"]!;
        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + accepted.Body)));
        accepted.Headers["X-PenToscana-Signature"].ShouldBe(expected);
        var json = JsonDocument.Parse(accepted.Body).RootElement;
        json.GetProperty("type").GetString().ShouldBe("debt_position.paid");
        json.GetProperty("data").GetProperty("sourceKey").GetString().ShouldBe("webhook-1");
        json.GetProperty("data").GetProperty("amountCents").GetInt64().ShouldBe(6700);
        json.GetProperty("data").GetProperty("enteIpa").GetString().ShouldBe("c_d612");
        receiver.Received.Select(r => r.Headers["X-PenToscana-Delivery"]).Distinct().Count().ShouldBe(1, "a retry is the same delivery");

        string page = "";
        for (int i = 0; i < 50 && !page.Contains("Consegnato", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            page = await admin.GetStringAsync("/backoffice/c_d612/pagamenti/webhook");
        }

        page.ShouldContain("Consegnato");
    }

    [Fact]
    public async Task A_webhook_needs_https_and_a_long_secret_and_only_a_body_administrator_manages_it()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var plain = await admin.PostFormAsync("/backoffice/c_d612/pagamenti/webhook", "/backoffice/c_d612/pagamenti/webhook", new Dictionary<string, string>
        {
            ["Address"] = "http://gestionale.comune.fi.it/pagopa",
            ["Secret"] = Secret,
        });
        plain.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await plain.Content.ReadAsStringAsync()).ShouldContain("deve usare https");

        var shortSecret = await admin.PostFormAsync("/backoffice/c_d612/pagamenti/webhook", "/backoffice/c_d612/pagamenti/webhook", new Dictionary<string, string>
        {
            ["Address"] = "https://gestionale.comune.fi.it/pagopa",
            ["Secret"] = "corto",
        });
        shortSecret.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await shortSecret.Content.ReadAsStringAsync()).ShouldContain("da 16 a 100 caratteri");

        var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await operatorClient.GetAsync("/backoffice/c_d612/pagamenti/webhook")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync("/backoffice/c_d612/pagamenti/webhook")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A body's system on the loopback: answers 500 to the first <c>refuseFirst</c> requests, then 204.</summary>
    private sealed class WebhookReceiver : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly TaskCompletionSource<Request> accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int refuseFirst;

        public WebhookReceiver(int refuseFirst)
        {
            this.refuseFirst = refuseFirst;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/pagopa/eventi/";
            listener.Prefixes.Add(Url);
            listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public sealed record Request(System.Collections.Specialized.NameValueCollection Headers, string Body);

        public string Url { get; }

        public ConcurrentQueue<Request> Received { get; } = new();

        public async Task<Request> AcceptedAsync(TimeSpan timeout) => await accepted.Task.WaitAsync(timeout);

        public void Dispose() => listener.Close();

        private async Task LoopAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var request = new Request(context.Request.Headers, await reader.ReadToEndAsync());
                Received.Enqueue(request);
                bool refuse = Received.Count <= refuseFirst;
                context.Response.StatusCode = refuse ? 500 : 204;
                context.Response.Close();
                if (!refuse)
                {
                    accepted.TrySetResult(request);
                }
            }
        }
    }
}
