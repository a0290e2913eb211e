using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Documents;

/// <summary>The payment notice (avviso di pagamento, pagoPA layout fields) and the payment receipt (attestazione di pagamento) as PDF.</summary>
internal sealed class NoticeDocuments(PaymentsDb db)
{
    private static readonly CultureInfo It = CultureInfo.GetCultureInfo("it-IT");

    /// <summary>The notice of the position that owns this notice number, in the body; null when unknown.</summary>
    public async Task<byte[]?> NoticePdfAsync(Body body, string noticeNumber, CancellationToken ct)
    {
        var positionId = await db.Instalments.AsNoTracking().Where(i => i.EnteId == body.Id && i.NoticeNumber == noticeNumber).Select(i => (Guid?)i.PositionId).SingleOrDefaultAsync(ct);
        return positionId is null ? null : await PositionNoticePdfAsync(body, positionId.Value, ct);
    }

    public async Task<byte[]?> PositionNoticePdfAsync(Body body, Guid positionId, CancellationToken ct)
    {
        var position = await db.Positions.AsNoTracking().Include(p => p.Options).ThenInclude(o => o.Instalments).ThenInclude(i => i.Transfers)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.Id == positionId && p.EnteId == body.Id, ct);
        if (position is null)
        {
            return null;
        }

        var settings = await db.Settings.AsNoTracking().SingleAsync(s => s.EnteId == body.Id, ct);
        return Notice(body, settings, position);
    }

    internal static byte[] Notice(Body body, BodyPaymentSettings settings, DebtPosition position)
    {
        EmbeddedFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = "Avviso di pagamento - " + position.Description;
        document.Info.Author = body.Name;
        var options = position.Options.OrderBy(o => o.Ordinal).ToList();
        var payable = options.Select(o => o.Instalments.OrderBy(i => i.Ordinal).ToList()).ToList();
        var single = payable.FirstOrDefault(p => p.Count == 1);
        var plans = payable.Where(p => p.Count > 1).ToList();

        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        var g = XGraphics.FromPdfPage(page);
        var title = new XFont(EmbeddedFontResolver.Family, 16, XFontStyleEx.Bold);
        var bold = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Bold);
        var text = new XFont(EmbeddedFontResolver.Family, 9, XFontStyleEx.Regular);
        var big = new XFont(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);

        // 1. Intestazione: AVVISO.OGGETTO
        g.DrawString("AVVISO DI PAGAMENTO", title, XBrushes.Black, 40, 50);
        g.DrawString(Clip(position.Description, 90), big, XBrushes.Black, 40, 72);

        // 2.1 Ente creditore, 2.2 Destinatario
        Block(g, 40, 95, "ENTE CREDITORE", [body.Name, "Cod. Fiscale " + body.TaxCode, settings.OfficeName ?? ""], bold, text);
        Block(g, 310, 95, "DESTINATARIO AVVISO", [position.DebtorName, "Cod. Fiscale " + position.DebtorTaxCode], bold, text);

        // 3.1 Quanto e quando pagare, 3.2 Dove pagare
        var first = single ?? payable[0];
        long total = first.Sum(i => i.AmountCents);
        g.DrawRectangle(XPens.Black, 40, 160, 515, 110);
        g.DrawString("QUANTO E QUANDO PAGARE?", bold, XBrushes.Black, 50, 178);
        g.DrawString(PaymentCodes.Euro(total), big, XBrushes.Black, 50, 198);
        g.DrawString("entro il " + first[^1].DueDate.ToString("dd/MM/yyyy", It), text, XBrushes.Black, 160, 197);
        if (plans.Count > 0)
        {
            g.DrawString(single is null
                    ? $"Puoi pagare in {plans[0].Count} rate."
                    : $"Puoi pagare per intero oppure in {plans[0].Count} rate.", text, XBrushes.Black, 50, 216);
        }

        g.DrawString("L'importo è aggiornato automaticamente dal sistema e potrebbe subire variazioni per eventuali sgravi,", text, XBrushes.Black, 50, 232);
        g.DrawString("note di credito, indennità di mora, sanzioni o interessi.", text, XBrushes.Black, 50, 244);
        g.DrawString("DOVE PAGARE?  PAGA CON L'APP IO oppure sul sito di " + Clip(body.Name, 40) + ", dal tuo Home Banking, con la tua app", text, XBrushes.Black, 50, 260);
        g.DrawString("di pagamento o con gli altri canali abilitati: banche, sportelli ATM, uffici postali, punti vendita SISAL, Lottomatica, tabaccherie.", text, XBrushes.Black, 40, 285);

        // 4. Dati per il pagamento: the single payment first, then each instalment with its own slip.
        var slips = new List<(Instalment Instalment, string Label)>();
        if (single is not null)
        {
            slips.Add((single[0], "RATA UNICA"));
        }

        foreach (var plan in plans)
        {
            slips.AddRange(plan.Select(i => (i, $"{i.Ordinal}a RATA di {plan.Count}")));
        }

        double y = 300;
        foreach (var (instalment, label) in slips)
        {
            double height = string.IsNullOrEmpty(settings.PostalAccount) ? 150 : 290;
            if (y + height > 810)
            {
                g.Dispose();
                page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                g = XGraphics.FromPdfPage(page);
                y = 40;
            }

            y = Slip(g, y, body, settings, position, instalment, label, bold, text, big);
        }

        g.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static double Slip(XGraphics g, double y, Body body, BodyPaymentSettings settings, DebtPosition position, Instalment instalment, string label,
        XFont bold, XFont text, XFont big)
    {
        var notice = new NoticeNumber(instalment.NoticeNumber);
        g.DrawRectangle(XPens.Black, 40, y, 515, 140);
        g.DrawString("BANCHE E ALTRI CANALI - " + label, bold, XBrushes.Black, 50, y + 16);
        DrawModules(g, Barcodes.QrModules(PaymentCodes.QrPayload(instalment.NoticeNumber, body.TaxCode, instalment.AmountCents)), 50, y + 26, 100);
        double x = 165;
        g.DrawString("Destinatario: " + Clip(position.DebtorName, 60), text, XBrushes.Black, x, y + 36);
        g.DrawString("Ente Creditore: " + Clip(body.Name, 60), text, XBrushes.Black, x, y + 50);
        g.DrawString("Oggetto del pagamento: " + Clip(instalment.Description, 70), text, XBrushes.Black, x, y + 64);
        if (settings.Cbill is { Length: > 0 } cbill)
        {
            g.DrawString("Codice CBILL: " + cbill, text, XBrushes.Black, x, y + 78);
        }

        g.DrawString("Codice Avviso: " + notice.Grouped, bold, XBrushes.Black, x, y + 92);
        g.DrawString("Cod. Fiscale Ente Creditore: " + body.TaxCode, text, XBrushes.Black, x, y + 106);
        g.DrawString(PaymentCodes.Euro(instalment.AmountCents), big, XBrushes.Black, x, y + 128);
        g.DrawString("entro il " + instalment.DueDate.ToString("dd/MM/yyyy", It), text, XBrushes.Black, x + 120, y + 127);
        y += 150;
        if (string.IsNullOrEmpty(settings.PostalAccount))
        {
            return y;
        }

        g.DrawRectangle(XPens.Black, 40, y, 515, 130);
        g.DrawString("BOLLETTINO POSTALE PA - " + label + "   Poste Italiane", bold, XBrushes.Black, 50, y + 16);
        var dm = PaymentCodes.PosteDataMatrix(instalment.NoticeNumber, settings.PostalAccount, instalment.AmountCents, body.TaxCode,
            position.DebtorTaxCode, position.DebtorName, instalment.Description);
        DrawModules(g, Barcodes.DataMatrixModules(dm), 50, y + 26, 90);
        g.DrawString("sul C/C n. " + settings.PostalAccount + "   intestato a: " + Clip(body.Name, 50), text, XBrushes.Black, x, y + 36);
        g.DrawString("Destinatario: " + Clip(position.DebtorName, 60), text, XBrushes.Black, x, y + 50);
        g.DrawString("Oggetto del pagamento: " + Clip(instalment.Description, 70), text, XBrushes.Black, x, y + 64);
        g.DrawString("Codice Avviso: " + notice.Grouped + "   Tipo: P1   Cod. Fiscale Ente: " + body.TaxCode, bold, XBrushes.Black, x, y + 78);
        g.DrawString("Tipo documento: 896   Autorizzazione: AUT. DB/SSIC/E", text, XBrushes.Black, x, y + 92);
        g.DrawString(PaymentCodes.Euro(instalment.AmountCents), big, XBrushes.Black, x, y + 116);
        return y + 140;
    }

    /// <summary>The attestazione di pagamento: date and time, body, IUV, PSP and its transaction id, amount, subject.</summary>
    internal static byte[] ReceiptPdf(Body body, Receipt receipt, DebtPosition? position)
    {
        EmbeddedFontResolver.Install();
        using var document = new PdfDocument();
        document.Info.Title = "Ricevuta di pagamento " + receipt.NoticeNumber;
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using var g = XGraphics.FromPdfPage(page);
        var title = new XFont(EmbeddedFontResolver.Family, 16, XFontStyleEx.Bold);
        var bold = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
        var text = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Regular);
        g.DrawString("RICEVUTA DI PAGAMENTO pagoPA", title, XBrushes.Black, 40, 60);
        var rows = new (string, string)[]
        {
            ("Data e ora dell'operazione", receipt.PaymentDateTime.ToItalianDisplay()),
            ("Data applicativa", receipt.PaymentDateTime.ItalianDate().ToString("dd/MM/yyyy", It)),
            ("Ente creditore", body.Name),
            ("Codice fiscale ente", body.TaxCode),
            ("Codice avviso", new NoticeNumber(receipt.NoticeNumber).Grouped),
            ("IUV", receipt.Iuv),
            ("Causale", receipt.Description),
            ("Debitore", position is null ? receipt.DebtorTaxCode ?? "" : $"{position.DebtorName} ({position.DebtorTaxCode})"),
            ("Pagatore", receipt.PayerName is null ? "" : $"{receipt.PayerName} ({receipt.PayerTaxCode})"),
            ("Prestatore del servizio (PSP)", $"{receipt.PspName} ({receipt.PspId})"),
            ("Canale", receipt.ChannelDescription),
            ("Identificativo ricevuta", receipt.ReceiptId),
            ("Importo pagato", PaymentCodes.Euro(receipt.AmountCents)),
            ("Commissione", receipt.FeeCents is { } fee ? PaymentCodes.Euro(fee) : "-"),
            ("Esito", receipt.Anomaly is null ? "Pagamento eseguito" : "Pagamento eseguito - " + receipt.Anomaly),
        };
        double y = 100;
        foreach (var (label, value) in rows)
        {
            g.DrawString(label, bold, XBrushes.Black, 40, y);
            g.DrawString(Clip(value, 75), text, XBrushes.Black, 220, y);
            y += 20;
        }

        g.DrawString("Ricevuta telematica trasmessa dal Nodo dei Pagamenti pagoPA all'ente creditore.", text, XBrushes.Black, 40, y + 20);
        g.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void Block(XGraphics g, double x, double y, string heading, string[] lines, XFont bold, XFont text)
    {
        g.DrawString(heading, bold, XBrushes.Black, x, y + 10);
        for (int i = 0; i < lines.Length; i++)
        {
            g.DrawString(Clip(lines[i], 50), text, XBrushes.Black, x, y + 26 + (i * 13));
        }
    }

    private static void DrawModules(XGraphics g, bool[,] modules, double x, double y, double size)
    {
        int n = modules.GetLength(0);
        double m = size / n;
        for (int row = 0; row < modules.GetLength(1); row++)
        {
            for (int col = 0; col < n; col++)
            {
                if (modules[col, row])
                {
                    // Slight overlap so adjacent squares print as one dark area.
                    g.DrawRectangle(XBrushes.Black, x + (col * m), y + (row * m), m + 0.05, m + 0.05);
                }
            }
        }
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
