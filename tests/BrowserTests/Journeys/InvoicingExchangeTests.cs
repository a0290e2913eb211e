using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>
/// Fatturazione attiva and passiva on the same platform: the Comune di Firenze issues invoices to Regione Toscana through
/// the in-platform SdI simulator; the Region protocols, registers and answers them; each side sees the other's moves.
/// </summary>
public sealed class InvoicingExchangeTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string FirenzeOperator = "BRNMRC82H15D612F"; // Marco Bruni, operator of the Comune di Firenze
    private const string RegionAdmin = "CLMFNC81S50D612T"; // Claudia Fontana, administrator of Regione Toscana
    private const string PlatformAdmin = "BLUSRA79T60D612U"; // Sara Blu, platform administrator
    private const string FirenzeVatNumber = "01307110484";
    private const string RegionOffice = "UFRTOS"; // Codice Univoco Ufficio of the Region's billing office

    private async Task SignOutAsync()
    {
        await VisitAsync("/esci");
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task SwitchToAsync(string taxCode, string returnUrl)
    {
        await SignOutAsync();
        await SignInAsync(taxCode, returnUrl);
    }

    /// <summary>Fills the issuing form for the Region's office and submits it; returns the path of the issued invoice's page.</summary>
    private async Task<string> IssueToTheRegionAsync(string description, string taxable)
    {
        await VisitAsync("/backoffice/c_d612/fatture-emesse");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Emetti una fattura" }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/c_d612/fatture-emesse/nuova");
        await CheckPageAsync();
        await Page.GetByLabel("Codice Univoco Ufficio (PA)").FillAsync(RegionOffice);
        await Page.GetByLabel("Descrizione").FillAsync(description);
        await Page.GetByLabel("Imponibile (euro)").FillAsync(taxable);
        await Page.GetByLabel("Aliquota IVA").SelectOptionAsync("22");
        await Page.GetByLabel("CIG").FillAsync("ZAB1234567");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Emetti e trasmetti a SdI" }).ClickAsync();
        await Page.WaitForURLAsync(new Regex("/backoffice/c_d612/fatture-emesse/[0-9a-f-]{36}$"));
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("emessa (file IT" + FirenzeVatNumber + "_");
        return new Uri(Page.Url).AbsolutePath;
    }

    /// <summary>Reloads the current page until <c>#stato</c> reads <paramref name="expected"/> (the outbox and the simulator work in the background), then checks it.</summary>
    private async Task WaitForStatusAsync(string expected)
    {
        var status = "";
        for (int attempt = 0; attempt < 120; attempt++)
        {
            status = (await Page.Locator("#stato").InnerTextAsync()).Trim();
            if (status == expected)
            {
                await CheckPageAsync();
                return;
            }

            await Task.Delay(250);
            await Page.ReloadAsync();
        }

        throw new ShouldAssertException($"{Page.Url} still shows \"{status}\" instead of \"{expected}\". Timeline: {await Page.Locator("#storia").InnerTextAsync()}");
    }

    /// <summary>Reloads the current page until the timeline contains <paramref name="text"/>, then checks it.</summary>
    private async Task WaitForTimelineAsync(string text)
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            if ((await Page.Locator("#storia").InnerTextAsync()).Contains(text, StringComparison.Ordinal))
            {
                await CheckPageAsync();
                return;
            }

            await Task.Delay(250);
            await Page.ReloadAsync();
        }

        throw new ShouldAssertException($"The timeline of {Page.Url} never showed \"{text}\": {await Page.Locator("#storia").InnerTextAsync()}");
    }

    private async Task<string> FieldAsync(string term) => (await Page.Locator($"dt:text-is('{term}') + dd").InnerTextAsync()).Trim();

    private async Task<string[]> TimelineAsync() => [.. (await Page.Locator("#storia li").AllInnerTextsAsync()).Select(t => t.Trim())];

    /// <summary>The Region's register filtered on Firenze as supplier; opens the invoice with this IdentificativoSdI and returns its path.</summary>
    private async Task<string> OpenReceivedAsync(string identificativoSdI)
    {
        await VisitAsync($"/backoffice/r_toscan/fatture?fornitore={FirenzeVatNumber}");
        var row = Page.Locator($"#registro tbody tr:has(td:nth-child(3):text-is('{identificativoSdI}'))");
        (await row.InnerTextAsync()).ShouldContain("COMUNE DI FIRENZE", Case.Insensitive);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.WaitForURLAsync(new Regex("/backoffice/r_toscan/fatture/[0-9a-f-]{36}$"));
        await CheckPageAsync();
        (await FieldAsync("Identificativo SdI")).ShouldBe(identificativoSdI);
        (await FieldAsync("Protocollo")).ShouldNotBe("non protocollata");
        (await FieldAsync("Registro unico")).ShouldStartWith("n. ");
        var timeline = await TimelineAsync();
        timeline.ShouldContain(t => t.Contains($"Ricevuta da SdI (identificativo {identificativoSdI}", StringComparison.Ordinal));
        timeline.ShouldContain(t => t.Contains("Protocollata in entrata con il n.", StringComparison.Ordinal));
        timeline.ShouldContain(t => t.Contains("Iscritta nel registro unico delle fatture al n.", StringComparison.Ordinal));
        return new Uri(Page.Url).AbsolutePath;
    }

    /// <summary>Index of the first timeline entry containing <paramref name="text"/>; fails when there is none.</summary>
    private static int Position(string[] timeline, string text)
    {
        var index = Array.FindIndex(timeline, t => t.Contains(text, StringComparison.Ordinal));
        index.ShouldBeGreaterThanOrEqualTo(0, $"\"{text}\" missing from the timeline: {string.Join(" | ", timeline)}");
        return index;
    }

    [Fact]
    public async Task A_Comune_issues_two_invoices_to_the_Region_which_accepts_one_and_refuses_the_other_and_both_sides_show_the_same_exchange()
    {
        await SignInAsync(FirenzeOperator, "/backoffice/c_d612/fatture-emesse");

        // 1. Issued from the form, sent to SdI, delivered to the Region (RC).
        var accepted = await IssueToTheRegionAsync("Servizio di manutenzione del verde, novembre", "1.250,00");
        await WaitForStatusAsync("Consegnata (RC)");
        var acceptedSdi = await FieldAsync("Identificativo SdI");
        acceptedSdi.ShouldMatch("^[0-9]+$");
        (await FieldAsync("Protocollo in uscita")).ShouldNotBe("—");
        var issuerTimeline = await TimelineAsync();
        Position(issuerTimeline, "Fattura emessa e firmata").ShouldBeLessThan(Position(issuerTimeline, $"Inviata a SdI: identificativo {acceptedSdi}"));
        Position(issuerTimeline, "Inviata a SdI").ShouldBeLessThan(Position(issuerTimeline, $"Ricevuta di consegna (RC): consegnata a {RegionOffice}"));

        // 3 (issued now, answered below). A second invoice for the refusal.
        var refused = await IssueToTheRegionAsync("Noleggio della sala consiliare per il convegno regionale", "800,00");
        await WaitForStatusAsync("Consegnata (RC)");
        var refusedSdi = await FieldAsync("Identificativo SdI");

        // 2. The Region finds the first invoice protocolled and registered, and accepts it (EC01).
        await SwitchToAsync(RegionAdmin, "/backoffice/r_toscan/fatture");
        var acceptedThere = await OpenReceivedAsync(acceptedSdi);
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("In attesa di esito");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Accetta la fattura" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("Accettata (EC01)");
        await WaitForTimelineAsync("Notifica di esito EC01 inviata a SdI e accettata (ES01)");
        var recipientTimeline = await TimelineAsync();
        Position(recipientTimeline, "Ricevuta da SdI").ShouldBeLessThan(Position(recipientTimeline, "prodotta la notifica di esito EC01"));
        Position(recipientTimeline, "prodotta la notifica di esito EC01").ShouldBeLessThanOrEqualTo(Position(recipientTimeline, "Notifica di esito EC01 inviata a SdI"));
        (await Page.GetByRole(AriaRole.Button, new() { Name = "Accetta la fattura" }).CountAsync()).ShouldBe(0);

        // 3. The second invoice is refused with a DM 132 reason and an explanation (EC02).
        var refusedThere = await OpenReceivedAsync(refusedSdi);
        await Page.GetByLabel("Motivo del rifiuto (DM 132/2020)").SelectOptionAsync("CIG_CUP");
        await Page.GetByLabel("Motivazione per il fornitore").FillAsync("Il CIG ZAB1234567 non corrisponde a nessun contratto della Regione");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rifiuta la fattura" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("Rifiutata (EC02)");
        await WaitForTimelineAsync("Notifica di esito EC02 inviata a SdI e accettata (ES01)");
        (await Page.Locator("#storia").InnerTextAsync()).ShouldContain("Il CIG ZAB1234567 non corrisponde");

        // Back on Firenze's side: NE EC01 on the first, NE EC02 with the Region's explanation on the second.
        await SwitchToAsync(FirenzeOperator, accepted);
        await WaitForStatusAsync("Accettata dal destinatario (NE EC01)");
        issuerTimeline = await TimelineAsync();
        Position(issuerTimeline, "Ricevuta di consegna (RC)").ShouldBeLessThan(Position(issuerTimeline, "Notifica di esito (NE): fattura accettata dal destinatario (EC01)"));

        await VisitAsync(refused);
        await WaitForStatusAsync("Rifiutata dal destinatario (NE EC02)");
        issuerTimeline = await TimelineAsync();
        var ne = issuerTimeline[Position(issuerTimeline, "Notifica di esito (NE): fattura rifiutata dal destinatario (EC02)")];
        ne.ShouldContain("Il CIG ZAB1234567 non corrisponde");

        await VisitAsync("/backoffice/c_d612/fatture-emesse");
        var list = await Page.Locator("main").InnerTextAsync();
        list.ShouldContain("Accettata dal destinatario (NE EC01)");
        list.ShouldContain("Rifiutata dal destinatario (NE EC02)");

        // Both sides tell the same sequence: delivered, then the Region's outcome.
        await SwitchToAsync(RegionAdmin, acceptedThere);
        recipientTimeline = await TimelineAsync();
        Position(recipientTimeline, $"Ricevuta da SdI (identificativo {acceptedSdi}").ShouldBeLessThan(Position(recipientTimeline, "Notifica di esito EC01 inviata a SdI"));
        await VisitAsync(refusedThere);
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("Rifiutata (EC02)");
    }

    [Fact]
    public async Task An_invoice_left_unanswered_gets_DT_on_both_sides_when_the_platform_administrator_moves_the_simulator_clock_16_days_on()
    {
        await SignInAsync(FirenzeOperator, "/backoffice/c_d612/fatture-emesse");
        var issued = await IssueToTheRegionAsync("Fornitura di cancelleria per gli uffici regionali", "320,00");
        await WaitForStatusAsync("Consegnata (RC)");
        var sdi = await FieldAsync("Identificativo SdI");

        await SwitchToAsync(RegionAdmin, "/backoffice/r_toscan/fatture");
        var received = await OpenReceivedAsync(sdi);
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("In attesa di esito");

        await SwitchToAsync(PlatformAdmin, "/admin/sdi-simulatore");
        (await Page.Locator("#messaggi").InnerTextAsync()).ShouldContain(sdi);
        var before = await Page.Locator("#adesso").InnerTextAsync();
        await Page.GetByLabel("Giorni").FillAsync("16");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Manda avanti" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("avanzato di 16 giorni");
        (await Page.Locator("#adesso").InnerTextAsync()).ShouldNotBe(before);
        var dt = Page.Locator("#messaggi tbody tr", new() { HasTextRegex = new Regex($"{sdi}\\s+DT\\s") });
        (await dt.CountAsync()).ShouldBe(2); // to the transmitter and to the recipient

        await SwitchToAsync(FirenzeOperator, issued);
        await WaitForStatusAsync("Decorrenza termini (DT)");
        var issuerTimeline = await TimelineAsync();
        Position(issuerTimeline, "Ricevuta di consegna (RC)").ShouldBeLessThan(Position(issuerTimeline, "Notifica di decorrenza termini (DT)"));

        await SwitchToAsync(RegionAdmin, received);
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("Decorrenza termini");
        var recipientTimeline = await TimelineAsync();
        Position(recipientTimeline, "Ricevuta da SdI").ShouldBeLessThan(Position(recipientTimeline, "Notifica di decorrenza termini (DT) ricevuta da SdI"));
        (await Page.GetByRole(AriaRole.Button, new() { Name = "Accetta la fattura" }).CountAsync()).ShouldBe(0);
    }

    /// <summary>
    /// The official sample FPA01 as a real supplier would send it to the Region's billing office: a P.IVA with a valid check
    /// digit, its own number.
    /// </summary>
    private static byte[] SupplierInvoiceForTheRegion(string numero) => SignedBySupplier(Encoding.UTF8.GetBytes(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", "IT01234567890_FPA01.xml"))
            .Replace("01234567890", SupplierVatNumber, StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal)
            .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", $"<CodiceDestinatario>{RegionOffice}</CodiceDestinatario>", StringComparison.Ordinal)
            .Replace("<Numero>123</Numero>", $"<Numero>{numero}</Numero>", StringComparison.Ordinal)));

    /// <summary>An invoice to a public body goes to SdI signed (XAdES-BES here) with the supplier's certificate, a test one.</summary>
    private static byte[] SignedBySupplier(byte[] xml)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=ALPHA SRL, O=Fornitore di prova, C=IT", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var document = new System.Xml.XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.Load(new MemoryStream(xml));
        PenToscana.Modules.Invoicing.Engine.XadesSigner.Sign(document, certificate, DateTimeOffset.UtcNow);
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private const string SupplierVatNumber = "01234567897"; // ALPHA SRL of the official samples, with a valid check digit

    /// <summary>Reloads the simulator page until the file's card lists a notification of this type, then checks the page; returns the card.</summary>
    private async Task<ILocator> WaitForNotificationAsync(string identificativoSdI, string kind)
    {
        var card = Page.Locator($"#file-{identificativoSdI}");
        for (int attempt = 0; attempt < 120; attempt++)
        {
            if (await card.Locator($".notifiche li[data-tipo='{kind}']").CountAsync() > 0)
            {
                await CheckPageAsync();
                return card;
            }

            await Task.Delay(250);
            await Page.ReloadAsync();
        }

        throw new ShouldAssertException($"The simulator never listed {kind} for {identificativoSdI}: {await Page.Locator("#file-trasmessi").InnerTextAsync()}");
    }

    [Fact]
    public async Task A_supplier_sends_an_invoice_through_the_simulator_the_Region_protocols_registers_and_refuses_it_and_the_supplier_side_sees_NE_EC02()
    {
        var unique = DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var numero = "FOR-" + unique;
        var fileName = $"IT{SupplierVatNumber}_S{unique[^4..]}.xml";

        // 1. The supplier's file goes to SdIRiceviFile from the simulator's transmitter desk.
        await SignInAsync(PlatformAdmin, "/admin/sdi-simulatore");
        await Page.GetByLabel("File della fattura").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/xml", Buffer = SupplierInvoiceForTheRegion(numero) });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invia a SdI" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        var taken = await Page.Locator(".alert-success").InnerTextAsync();
        taken.ShouldContain($"File {fileName} preso in carico da SdI con identificativo ");
        var sdi = Regex.Match(taken, "identificativo ([0-9]+)").Groups[1].Value;

        var card = await WaitForNotificationAsync(sdi, "RC");
        (await card.Locator(".stato-file").InnerTextAsync()).Trim().ShouldBe("Consegnato, in attesa di esito");
        (await card.Locator(".notifiche li[data-tipo='RC']").InnerTextAsync()).ShouldContain("Ricevuta di consegna");

        // 2. The Region finds it protocolled and registered, and refuses it with a DM 132/2020 reason.
        await SwitchToAsync(RegionAdmin, "/backoffice/r_toscan/fatture");
        await VisitAsync($"/backoffice/r_toscan/fatture?fornitore={SupplierVatNumber}");
        var row = Page.Locator($"#registro tbody tr:has(td:nth-child(3):text-is('{sdi}'))");
        (await row.InnerTextAsync()).ShouldContain("ALPHA SRL", Case.Insensitive);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.WaitForURLAsync(new Regex("/backoffice/r_toscan/fatture/[0-9a-f-]{36}$"));
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldStartWith($"Fattura n. {numero}");
        (await FieldAsync("Identificativo SdI")).ShouldBe(sdi);
        (await FieldAsync("Protocollo")).ShouldNotBe("non protocollata");
        (await FieldAsync("Registro unico")).ShouldStartWith("n. ");
        var timeline = await TimelineAsync();
        Position(timeline, "Protocollata in entrata con il n.").ShouldBeGreaterThanOrEqualTo(0);
        Position(timeline, "Iscritta nel registro unico delle fatture al n.").ShouldBeGreaterThanOrEqualTo(0);
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("In attesa di esito");
        await Page.GetByLabel("Motivo del rifiuto (DM 132/2020)").SelectOptionAsync("CIG_CUP");
        await Page.GetByLabel("Motivazione per il fornitore").FillAsync("Manca il CIG del contratto di fornitura");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rifiuta la fattura" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#stato").InnerTextAsync()).Trim().ShouldBe("Rifiutata (EC02)");
        await WaitForTimelineAsync("Notifica di esito EC02 inviata a SdI e accettata (ES01)");

        // 3. The supplier's side: NE with EC02 after RC, downloadable as the signed notification.
        await SwitchToAsync(PlatformAdmin, "/admin/sdi-simulatore");
        card = await WaitForNotificationAsync(sdi, "NE");
        (await card.Locator(".stato-file").InnerTextAsync()).Trim().ShouldBe("Rifiutato dal committente (EC02)");
        (await card.Locator(".notifiche li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.tipo)")).ShouldBe(["RC", "NE"]);
        var ne = card.Locator(".notifiche li[data-tipo='NE']");
        var neText = await ne.InnerTextAsync();
        neText.ShouldContain("Notifica di esito committente");
        neText.ShouldContain("EC02 — fattura rifiutata dal committente");
        neText.ShouldContain("Manca il CIG del contratto di fornitura");
        var href = await ne.GetByRole(AriaRole.Link).GetAttributeAsync("href") ?? throw new ShouldAssertException("NE without download link");
        var download = await Page.Context.APIRequest.GetAsync(href);
        download.Status.ShouldBe(200);
        var xml = await download.TextAsync();
        xml.ShouldContain("NotificaEsito");
        xml.ShouldContain($"<IdentificativoSdI>{sdi}</IdentificativoSdI>");
        xml.ShouldContain("<Esito>EC02</Esito>");
        xml.ShouldContain("SignatureValue");
    }
}
