using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using static PenToscana.IntegrationTests.Payments.PaymentsTestData;

namespace PenToscana.IntegrationTests.Payments;

/// <summary>The personal area's payments through the node/PSP simulator: one cart across bodies, counters, receipts.</summary>
public sealed partial class CitizenPaymentsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Mario_sees_open_positions_of_three_bodies_and_those_where_he_is_a_delegated_payer()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var page = await mario.GetStringAsync("/area-personale/pagamenti");
        page.ShouldContain("Regione Toscana");
        page.ShouldContain("Comune di Firenze");
        page.ShouldContain("Comune di Prato");
        page.ShouldContain("Azienda USL Toscana Centro");
        page.ShouldContain("come pagatore delegato");
        page.ShouldNotContain("Verdi Costruzioni");
    }

    [Fact]
    public async Task Three_notices_of_three_bodies_are_paid_in_one_checkout_and_each_has_its_receipt()
    {
        var bollo = (await NoticesAsync(platform, "demo-bollo-2026"))[0];
        var ticket = (await NoticesAsync(platform, "demo-ticket-1"))[0];
        var mensa = (await NoticesAsync(platform, "demo-mensa-2026"))[0];
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var toCheckout = await mario.PostFormAsync("/area-personale/pagamenti", "/area-personale/pagamenti?handler=Cart", new Dictionary<string, string>
        {
            ["Selected[0]"] = $"{Regione}:{bollo.NoticeNumber}",
            ["Selected[1]"] = $"{Usl}:{ticket.NoticeNumber}",
            ["Selected[2]"] = $"{Prato}:{mensa.NoticeNumber}",
        });
        toCheckout.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toCheckout.Content.ReadAsStringAsync());
        var checkoutUrl = toCheckout.Headers.Location!.ToString();
        checkoutUrl.ShouldStartWith("/simulatore-pagopa/checkout/");

        var checkout = await mario.GetStringAsync(checkoutUrl);
        checkout.ShouldContain("Stai pagando 3 avvisi");
        var paid = await mario.PostFormAsync(checkoutUrl, checkoutUrl + "?handler=Pay", new Dictionary<string, string> { ["Method"] = "carta" });
        paid.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var outcomeUrl = paid.Headers.Location!.ToString();
        outcomeUrl.ShouldContain("esito=ok");

        var outcome = await mario.GetStringAsync(new Uri(outcomeUrl).PathAndQuery);
        outcome.ShouldContain("Pagamento completato: 3 avvisi pagati");
        var receipts = ReceiptLink().Matches(outcome).Select(m => m.Value).Distinct().ToList();
        receipts.Count.ShouldBe(3);
        foreach (var link in receipts)
        {
            var pdf = await mario.GetAsync(link);
            pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await pdf.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());
        }

        // Another citizen cannot read Mario's receipts.
        var other = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await other.GetAsync(receipts[0])).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Paying again from the same checkout page (a reload) takes no money twice.
        await mario.PostFormAsync(checkoutUrl, checkoutUrl + "?handler=Pay", new Dictionary<string, string> { ["Method"] = "carta" });
        (await ReceiptCountAsync(platform, bollo.NoticeNumber)).ShouldBe(1);
    }

    [Fact]
    public async Task A_checkout_opened_on_one_node_is_shown_by_another_and_paid_once_when_both_are_clicked_at_once()
    {
        string notice;
        await using (var scope = platform.Service<IServiceScopeFactory>().CreateAsyncScope())
        {
            var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>();
            var created = await payments.CreatePositionAsync(new PenToscana.Contracts.Payments.DebtPositionRequest(
                "c_d612", Personas.CitizenMario, "Mario Rossi", "Diritti di segreteria su due nodi", 1234, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), "two-nodes-checkout"));
            created.Succeeded.ShouldBeTrue(created.ErrorMessage);
            notice = created.Position!.Notices[0].NoticeNumber;
        }

        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var toCheckout = await mario.PostFormAsync("/area-personale/pagamenti", "/area-personale/pagamenti?handler=Cart",
            new Dictionary<string, string> { ["Selected[0]"] = $"{Firenze}:{notice}" });
        var checkoutUrl = toCheckout.Headers.Location!.ToString();

        // The session is a row of the shared database: a second node (or the first after a restart) shows and pays it.
        await using var second = new SecondNode(platform);
        await second.InitializeAsync();
        var marioOnSecond = await second.SignedInClientAsync(Personas.CitizenMario);
        (await marioOnSecond.GetStringAsync(checkoutUrl)).ShouldContain("12,34");
        var clicks = await Task.WhenAll(
            mario.PostFormAsync(checkoutUrl, checkoutUrl + "?handler=Pay", new Dictionary<string, string> { ["Method"] = "carta" }),
            marioOnSecond.PostFormAsync(checkoutUrl, checkoutUrl + "?handler=Pay", new Dictionary<string, string> { ["Method"] = "carta" }));
        clicks.ShouldAllBe(c => c.StatusCode == HttpStatusCode.Redirect && c.Headers.Location!.ToString().Contains("esito=ok"));
        (await ReceiptCountAsync(platform, notice)).ShouldBe(1);
        (await mario.GetAsync("/simulatore-pagopa/checkout/00000000000000000000000000000000")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A second application node: its own host, the first node's database and blob store.</summary>
    private sealed class SecondNode(PlatformFactory first) : PlatformFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = first.Database.Provider,
            ["Database:ConnectionString"] = first.Database.ConnectionString,
            ["Storage:DataPath"] = first.Database.Folder,
            ["Blobs:Root"] = Path.Combine(first.Database.Folder, "blobs"),
        };
    }

    [Fact]
    public async Task More_than_five_notices_are_split_into_several_node_carts_shown_as_one_checkout()
    {
        // Six positions of their own: the other tests of this class pay the demo ones, in an order xUnit does not fix.
        var notices = new List<string>();
        await using (var scope = platform.Service<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>().CreateAsyncScope())
        {
            var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>();
            for (int i = 0; i < 6; i++)
            {
                var created = await payments.CreatePositionAsync(new PenToscana.Contracts.Payments.DebtPositionRequest(
                    "c_d612", Personas.CitizenMario, "Mario Rossi", $"Diritti di segreteria {i + 1}", 1000 + i, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), $"split-cart-{i}"));
                created.Succeeded.ShouldBeTrue(created.ErrorMessage);
                notices.Add(created.Position!.Notices[0].NoticeNumber);
            }
        }

        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var fields = notices.Select((n, i) => (n, i)).ToDictionary(x => $"Selected[{x.i}]", x => $"{Firenze}:{x.n}");
        fields.Count.ShouldBe(6);
        var toCheckout = await mario.PostFormAsync("/area-personale/pagamenti", "/area-personale/pagamenti?handler=Cart", fields);
        var checkout = await mario.GetStringAsync(toCheckout.Headers.Location!.ToString());
        checkout.ShouldContain("Stai pagando 6 avvisi, in 2 carrelli pagoPA");
    }

    [Fact]
    public async Task A_fine_paid_at_a_simulated_tobacconist_shows_as_paid_in_the_personal_area()
    {
        var reduced = (await NoticesAsync(platform, "demo-multa-1")).Single(n => n.AmountCents == 2940);
        using var counter = platform.CreateBrowserLikeClient();
        var verify = await counter.PostFormAsync("/simulatore-pagopa/sportello", "/simulatore-pagopa/sportello?handler=Verify", new Dictionary<string, string>
        {
            ["Channel"] = "tabaccheria",
            ["Code"] = $"PAGOPA|002|{reduced.NoticeNumber}|{Firenze}|2940",
        });
        (await verify.Content.ReadAsStringAsync()).ShouldContain("29,40");
        var pay = await counter.PostFormAsync("/simulatore-pagopa/sportello", "/simulatore-pagopa/sportello?handler=Pay", new Dictionary<string, string>
        {
            ["Channel"] = "tabaccheria",
            ["Code"] = reduced.NoticeNumber,
            ["BodyTaxCode"] = Firenze,
        });
        (await pay.Content.ReadAsStringAsync()).ShouldContain("Pagamento eseguito presso: Tabaccheria");

        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var page = await mario.GetStringAsync("/area-personale/pagamenti");
        var closed = page[page.IndexOf("posizioni-chiuse", StringComparison.Ordinal)..];
        closed.ShouldContain("Verbale n. 2026/004512");
        closed.ShouldContain("Tabaccheria");
    }

    [Fact]
    public async Task A_notice_with_wrong_check_digits_is_refused_with_a_clear_message()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var response = await mario.PostFormAsync("/area-personale/pagamenti", "/area-personale/pagamenti?handler=Notice", new Dictionary<string, string>
        {
            ["NoticeNumber"] = "311111111112222222",
            ["BodyTaxCode"] = Firenze,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("le cifre di controllo non corrispondono");
    }

    [Fact]
    public async Task The_notice_pdf_of_an_own_position_downloads_and_others_get_404()
    {
        var lampade = (await NoticesAsync(platform, "demo-tari-2026"))[0];
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var pdf = await mario.GetAsync($"/area-personale/pagamenti/avviso/c_d612/{lampade.NoticeNumber}");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pdf.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());
        var other = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await other.GetAsync($"/area-personale/pagamenti/avviso/c_d612/{lampade.NoticeNumber}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_photo_of_a_notice_qr_code_starts_its_payment_and_images_without_a_pagopa_qr_get_an_italian_error()
    {
        string notice;
        await using (var scope = platform.Service<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>().CreateAsyncScope())
        {
            var payments = scope.ServiceProvider.GetRequiredService<PenToscana.Contracts.Payments.IPaymentsApi>();
            var created = await payments.CreatePositionAsync(new PenToscana.Contracts.Payments.DebtPositionRequest(
                "c_d612", Personas.CitizenMario, "Mario Rossi", "Occupazione suolo pubblico", 8450, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), "qr-scan-1"));
            created.Succeeded.ShouldBeTrue(created.ErrorMessage);
            notice = created.Position!.Notices[0].NoticeNumber;
        }

        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);

        // The QR exactly as the notice PDF draws it, photographed: scaled, off-centre on a grey sheet, JPEG-compressed.
        var photo = QrImage(PenToscana.Modules.Payments.Domain.PaymentCodes.QrPayload(notice, Firenze, 8450), SkiaSharp.SKEncodedImageFormat.Jpeg);
        var toCheckout = await PostQrAsync(mario, photo, "avviso.jpg");
        toCheckout.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toCheckout.Content.ReadAsStringAsync());
        var checkout = await mario.GetStringAsync(toCheckout.Headers.Location!.ToString());
        checkout.ShouldContain("Occupazione suolo pubblico");

        var noQr = await PostQrAsync(mario, QrImage(null, SkiaSharp.SKEncodedImageFormat.Png), "foto.png");
        noQr.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noQr.Content.ReadAsStringAsync()).ShouldContain("non è stato trovato un codice QR");

        var otherQr = await PostQrAsync(mario, QrImage("https://www.comune.fi.it/", SkiaSharp.SKEncodedImageFormat.Png), "sito.png");
        otherQr.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await otherQr.Content.ReadAsStringAsync()).ShouldContain("non è quello di un avviso di pagamento pagoPA");

        var wrongDigits = await PostQrAsync(mario, QrImage(PenToscana.Modules.Payments.Domain.PaymentCodes.QrPayload(notice[..^2] + "00", Firenze, 8450), SkiaSharp.SKEncodedImageFormat.Png), "avviso.png");
        wrongDigits.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongDigits.Content.ReadAsStringAsync()).ShouldContain("codice avviso non valido");

        var notAnImage = await PostQrAsync(mario, "PAGOPA|002|not an image"u8.ToArray(), "avviso.png");
        notAnImage.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notAnImage.Content.ReadAsStringAsync()).ShouldContain("in formato PNG o JPEG");
    }

    private static async Task<HttpResponseMessage> PostQrAsync(HttpClient client, byte[] image, string fileName)
    {
        var page = await client.GetStringAsync("/area-personale/pagamenti");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(image), "QrImage", fileName },
        };
        return await client.PostAsync("/area-personale/pagamenti?handler=Qr", form);
    }

    /// <summary>A 900×700 light-grey "photo" with the QR of <paramref name="payload"/> (none when null) drawn 6 px per module.</summary>
    private static byte[] QrImage(string? payload, SkiaSharp.SKEncodedImageFormat format)
    {
        using var bitmap = new SkiaSharp.SKBitmap(900, 700);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(235, 235, 230));
            using var ink = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(25, 25, 30) };
            canvas.DrawRect(60, 40, 500, 20, ink);
            if (payload is not null)
            {
                var modules = PenToscana.Modules.Payments.Documents.Barcodes.QrModules(payload);
                using var white = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.White };
                int n = modules.GetLength(0);
                canvas.DrawRect(330, 260, n * 6, n * 6, white);
                for (int x = 0; x < n; x++)
                {
                    for (int y = 0; y < n; y++)
                    {
                        if (modules[x, y])
                        {
                            canvas.DrawRect(330 + (x * 6), 260 + (y * 6), 6, 6, ink);
                        }
                    }
                }
            }
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 80);
        return data.ToArray();
    }

    [GeneratedRegex("/area-personale/pagamenti/ricevute/[0-9a-f-]{36}")]
    private static partial Regex ReceiptLink();
}
