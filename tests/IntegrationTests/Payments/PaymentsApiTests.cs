using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using PenToscana.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Modules.Payments.Domain;
using static PenToscana.IntegrationTests.Payments.PaymentsTestData;

namespace PenToscana.IntegrationTests.Payments;

/// <summary>The bodies' API /api/payments/{ipa}: client credentials, create, read, cancel, notice PDF, isolation.</summary>
public sealed class PaymentsApiTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static string Due(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_simplest_body_creates_a_published_single_payment_position_with_a_valid_notice_number()
    {
        var api = await platform.ApiClientAsync("c_d612", "api.payments");
        var response = await api.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new
        {
            debtor = new { taxCode = "RSSMRA80A01D612Y", name = "Mario Rossi" },
            description = "Diritti di segreteria pratica 123",
            amountCents = 1600,
            dueDate = Due(30),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var iupd = body.GetProperty("iupd").GetString()!;
        body.GetProperty("status").GetString().ShouldBe("VALID");
        var notice = body.GetProperty("notices")[0];
        var number = notice.GetProperty("noticeNumber").GetString()!;
        NoticeNumber.IsValid(number).ShouldBeTrue();
        number.ShouldStartWith("302");
        notice.GetProperty("iuv").GetString().ShouldBe(number[1..]);
        notice.GetProperty("amountCents").GetInt64().ShouldBe(1600);

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/payments/c_d612/debt-positions/{Uri.EscapeDataString(iupd)}");
        read.GetProperty("options")[0].GetProperty("instalments")[0].GetProperty("transfers")[0].GetProperty("beneficiaryTaxCode").GetString().ShouldBe(Firenze);

        var pdf = await api.GetAsync($"/api/payments/c_d612/notices/{number}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pdf.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());

        // Cancelled: the node is told the payment is annulled.
        (await api.DeleteAsync($"/api/payments/c_d612/debt-positions/{Uri.EscapeDataString(iupd)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var node = platform.CreateClient();
        var verify = await SoapAsync(node, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Firenze, QrCode(Firenze, number)));
        FaultCode(verify).ShouldBe("PAA_PAGAMENTO_ANNULLATO");
    }

    [Fact]
    public async Task A_full_position_with_instalments_and_a_second_beneficiary_is_created_and_the_transfers_reach_the_node()
    {
        var api = await platform.ApiClientAsync("c_d612", "api.payments");
        var response = await api.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new
        {
            debtor = new { taxCode = "RSSMRA80A01D612Y", name = "Mario Rossi" },
            description = "TARI e TEFA 2026",
            iupd = "TARI-2026-RSSMRA",
            options = new object[]
            {
                new { instalments = new[] { new { amountCents = 10500, dueDate = Due(30), transfers = new object[] { new { amountCents = 10000 }, new { amountCents = 500, beneficiaryTaxCode = "80016450480", iban = "IT60X0542811101000000123456", category = "9/0201102IM/" } } } } },
                new { instalments = new[] { new { amountCents = 5250, dueDate = Due(30) }, new { amountCents = 5250, dueDate = Due(90) } } },
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var notices = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notices");
        notices.GetArrayLength().ShouldBe(3);
        using var node = platform.CreateClient();
        var get = await SoapAsync(node, "paGetPaymentV2", Header("paGetPaymentV2Request", Firenze, QrCode(Firenze, notices[0].GetProperty("noticeNumber").GetString()!)));
        var transfers = get.Element("data")!.Element("transferList")!.Elements("transfer").ToList();
        transfers.Count.ShouldBe(2);
        transfers[1].Element("fiscalCodePA")!.Value.ShouldBe("80016450480");
        SchemaErrors(get).ShouldBeEmpty();
    }

    [Fact]
    public async Task Transfers_that_do_not_sum_to_the_amount_are_refused_with_an_italian_problem()
    {
        var api = await platform.ApiClientAsync("c_d612", "api.payments");
        var response = await api.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new
        {
            debtor = new { taxCode = "RSSMRA80A01D612Y", name = "Mario Rossi" },
            description = "Importo sbagliato",
            options = new[] { new { instalments = new[] { new { amountCents = 1000, dueDate = Due(10), transfers = new[] { new { amountCents = 600 }, new { amountCents = 300 } } } } } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString()!.ShouldContain("la somma dei versamenti");
    }

    [Fact]
    public async Task Six_transfers_are_refused()
    {
        var api = await platform.ApiClientAsync("c_d612", "api.payments");
        var six = Enumerable.Range(0, 6).Select(_ => new { amountCents = 100 }).ToArray();
        var response = await api.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new
        {
            debtor = new { taxCode = "RSSMRA80A01D612Y", name = "Mario Rossi" },
            description = "Troppi versamenti",
            options = new[] { new { instalments = new[] { new { amountCents = 600, dueDate = Due(10), transfers = six } } } },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("al massimo 5");
    }

    [Fact]
    public async Task Another_body_client_gets_404_for_this_body_and_an_anonymous_caller_401()
    {
        var prato = await platform.ApiClientAsync("c_g999", "api.payments");
        (await prato.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new { description = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var firenze = await platform.ApiClientAsync("c_d612", "api.payments");
        var iupd = (await PositionAsync(platform, "demo-tari-2026")).Iupd;
        (await firenze.GetAsync($"/api/payments/c_d612/debt-positions/{iupd}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await prato.GetAsync($"/api/payments/c_d612/debt-positions/{iupd}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var anonymous = platform.CreateClient();
        (await anonymous.GetAsync($"/api/payments/c_d612/debt-positions/{iupd}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_json_import_through_the_api_reports_its_bad_rows_and_keeps_the_good_ones()
    {
        var api = await platform.ApiClientAsync("r_toscan", "api.payments");
        string json = $$"""
            [
              {"debtor":{"taxCode":"RSSMRA80A01D612Y","name":"Mario Rossi"},"description":"Licenza di pesca","amountCents":3400,"dueDate":"{{Due(30)}}","serviceCode":"PESCA"},
              {"debtor":{"taxCode":"RSSMRA80A01D612Y","name":"Mario Rossi"},"description":"Senza importo","dueDate":"{{Due(30)}}"},
              {"debtor":{"taxCode":"RSSMRA80A01D612Y","name":"Mario Rossi"},"description":"Licenza di caccia","amountCents":8400,"dueDate":"{{Due(30)}}","serviceCode":"CACCIA"}
            ]
            """;
        var started = await api.PostAsync("/api/payments/r_toscan/import-jobs", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var location = started.Headers.Location!.ToString();
        JsonElement job = default;
        for (int i = 0; i < 100; i++)
        {
            await Task.Delay(200);
            job = await api.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("status").GetString() == "COMPLETED")
            {
                break;
            }
        }

        job.GetProperty("rowsImported").GetInt64().ShouldBe(2);
        job.GetProperty("rowsRejected").GetInt64().ShouldBe(1);
        var errors = await api.GetFromJsonAsync<JsonElement>(location + "/errors");
        errors[0].GetProperty("row").GetInt64().ShouldBe(2);
        errors[0].GetProperty("message").GetString()!.ShouldContain("importo");
    }

    [Fact]
    public async Task The_contract_used_by_other_modules_is_idempotent_on_the_source_key()
    {
        var api = platform.Service<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>();
        await using var scope = api.CreateAsyncScope();
        var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>();
        var request = new PenToscana.Contracts.Payments.DebtPositionRequest("c_g999", "RSSMRA80A01D612Y", "Mario Rossi", "Diritti istruttoria", 5000,
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), "applications:42");
        var first = await payments.CreatePositionAsync(request);
        var second = await payments.CreatePositionAsync(request);
        first.Succeeded.ShouldBeTrue(first.ErrorMessage);
        second.Position!.Iupd.ShouldBe(first.Position!.Iupd);
        (await payments.FindPositionAsync("c_g999", first.Position.Iupd))!.Notices.Single().NoticeNumber.ShouldBe(first.Position.Notices[0].NoticeNumber);
    }

    [Fact]
    public async Task Racing_callers_with_one_source_key_all_get_the_same_single_position()
    {
        var factory = platform.Service<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>();
        var key = $"applications:{Guid.NewGuid()}:fee";
        var request = new PenToscana.Contracts.Payments.DebtPositionRequest("c_g999", "RSSMRA80A01D612Y", "Mario Rossi", "Certificato in bollo", 1652,
            DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), key);
        await using (var warm = factory.CreateAsyncScope())
        {
            // Warm (queries compiled, notice numbers reserved) so that the callers below really run side by side.
            (await warm.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>().CreatePositionAsync(request with { SourceKey = key + ":warm" })).Succeeded.ShouldBeTrue();
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = factory.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>().CreatePositionAsync(request);
        }));

        outcomes.ShouldAllBe(o => o.Succeeded);
        outcomes.Select(o => o.Position!.Iupd).Distinct().Count().ShouldBe(1);
        outcomes.Select(o => o.Position!.Notices.Single().NoticeNumber).Distinct().Count().ShouldBe(1);
        await using var check = factory.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<PenToscana.Modules.Payments.Data.PaymentsDb>().Positions
            .IgnoreQueryFilters().CountAsync(p => p.SourceKey == key)).ShouldBe(1);
    }
}
