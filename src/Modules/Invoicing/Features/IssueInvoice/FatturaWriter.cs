using System.Globalization;
using System.Text;
using System.Xml;

namespace PenToscana.Modules.Invoicing.Features.IssueInvoice;

/// <summary>A party of an issued invoice: identifiers, name and seat.</summary>
internal sealed record InvoiceParty(string Name, string? VatId, string? TaxCode, string Address, string Cap, string Town, string? Province);

/// <summary>What the writer needs for a one-line FatturaPA invoice (TD01).</summary>
internal sealed record InvoiceDraft(
    string Formato,
    string IdCodiceTrasmittente,
    string Progressivo,
    string CodiceDestinatario,
    string? PecDestinatario,
    InvoiceParty Cedente,
    InvoiceParty Cessionario,
    string Numero,
    DateOnly Data,
    string Descrizione,
    decimal Imponibile,
    decimal Aliquota,
    bool SplitPayment,
    string? Cig);

/// <summary>Writes FatturaPA 1.2.2 (FPA12 to a public body, FPR12 to a business) in the schema's element order.</summary>
internal static class FatturaWriter
{
    public const string Namespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static (byte[] Xml, decimal Iva, decimal Totale) Write(InvoiceDraft d)
    {
        decimal iva = decimal.Round(d.Imponibile * d.Aliquota / 100m, 2, MidpointRounding.AwayFromZero);
        decimal totale = d.Imponibile + iva;
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            w.WriteStartElement("p", "FatturaElettronica", Namespace);
            w.WriteAttributeString("versione", d.Formato);
            w.WriteStartElement("FatturaElettronicaHeader");
            w.WriteStartElement("DatiTrasmissione");
            w.WriteStartElement("IdTrasmittente");
            w.WriteElementString("IdPaese", "IT");
            w.WriteElementString("IdCodice", d.IdCodiceTrasmittente);
            w.WriteEndElement();
            w.WriteElementString("ProgressivoInvio", d.Progressivo);
            w.WriteElementString("FormatoTrasmissione", d.Formato);
            w.WriteElementString("CodiceDestinatario", d.CodiceDestinatario);
            if (d.PecDestinatario is { Length: > 0 } pec)
            {
                w.WriteElementString("PECDestinatario", pec);
            }

            w.WriteEndElement();
            Party(w, "CedentePrestatore", d.Cedente, cedente: true);
            Party(w, "CessionarioCommittente", d.Cessionario, cedente: false);
            w.WriteEndElement();

            w.WriteStartElement("FatturaElettronicaBody");
            w.WriteStartElement("DatiGenerali");
            w.WriteStartElement("DatiGeneraliDocumento");
            w.WriteElementString("TipoDocumento", "TD01");
            w.WriteElementString("Divisa", "EUR");
            w.WriteElementString("Data", d.Data.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteElementString("Numero", d.Numero);
            w.WriteElementString("ImportoTotaleDocumento", Amount(totale));
            w.WriteElementString("Causale", d.Descrizione.Length > 200 ? d.Descrizione[..200] : d.Descrizione);
            w.WriteEndElement();
            if (d.Cig is { Length: > 0 } cig)
            {
                w.WriteStartElement("DatiContratto");
                w.WriteElementString("IdDocumento", d.Numero);
                w.WriteElementString("CodiceCIG", cig);
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteStartElement("DatiBeniServizi");
            w.WriteStartElement("DettaglioLinee");
            w.WriteElementString("NumeroLinea", "1");
            w.WriteElementString("Descrizione", d.Descrizione.Length > 1000 ? d.Descrizione[..1000] : d.Descrizione);
            w.WriteElementString("Quantita", "1.00");
            w.WriteElementString("PrezzoUnitario", Amount(d.Imponibile));
            w.WriteElementString("PrezzoTotale", Amount(d.Imponibile));
            w.WriteElementString("AliquotaIVA", Amount(d.Aliquota));
            w.WriteEndElement();
            w.WriteStartElement("DatiRiepilogo");
            w.WriteElementString("AliquotaIVA", Amount(d.Aliquota));
            w.WriteElementString("ImponibileImporto", Amount(d.Imponibile));
            w.WriteElementString("Imposta", Amount(iva));
            w.WriteElementString("EsigibilitaIVA", d.SplitPayment ? "S" : "I");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        return (stream.ToArray(), iva, totale);
    }

    private static void Party(XmlWriter w, string element, InvoiceParty p, bool cedente)
    {
        w.WriteStartElement(element);
        w.WriteStartElement("DatiAnagrafici");
        if (p.VatId is { Length: > 0 } vat)
        {
            w.WriteStartElement("IdFiscaleIVA");
            w.WriteElementString("IdPaese", "IT");
            w.WriteElementString("IdCodice", vat);
            w.WriteEndElement();
        }

        if (p.TaxCode is { Length: > 0 } cf)
        {
            w.WriteElementString("CodiceFiscale", cf);
        }

        w.WriteStartElement("Anagrafica");
        w.WriteElementString("Denominazione", p.Name.Length > 80 ? p.Name[..80] : p.Name);
        w.WriteEndElement();
        if (cedente)
        {
            w.WriteElementString("RegimeFiscale", "RF01");
        }

        w.WriteEndElement();
        w.WriteStartElement("Sede");
        w.WriteElementString("Indirizzo", p.Address);
        w.WriteElementString("CAP", p.Cap);
        w.WriteElementString("Comune", p.Town);
        if (p.Province is { Length: 2 } province)
        {
            w.WriteElementString("Provincia", province);
        }

        w.WriteElementString("Nazione", "IT");
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
