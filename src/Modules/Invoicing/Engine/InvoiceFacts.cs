namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>A party of the header (cedente, cessionario, rappresentante fiscale) as read from the file.</summary>
public sealed class PartyFacts
{
    public string? IdPaese { get; internal set; }

    public string? IdCodice { get; internal set; }

    public string? CodiceFiscale { get; internal set; }

    public string? Denominazione { get; internal set; }

    public string? Nome { get; internal set; }

    public string? Cognome { get; internal set; }

    public string? RegimeFiscale { get; internal set; }

    /// <summary>The elements of Sede as read (Indirizzo, NumeroCivico, CAP, Comune, Provincia, Nazione).</summary>
    public Dictionary<string, string> Sede { get; } = new(StringComparer.Ordinal);

    /// <summary>The seat on one line: "Via Roma 1, 50100 Firenze (FI) IT"; null when the file has no Sede.</summary>
    public string? Address
    {
        get
        {
            if (Sede.Count == 0)
            {
                return null;
            }

            string street = string.Join(' ', new[] { Sede.GetValueOrDefault("Indirizzo"), Sede.GetValueOrDefault("NumeroCivico") }.Where(s => !string.IsNullOrEmpty(s)));
            string town = string.Join(' ', new[] { Sede.GetValueOrDefault("CAP"), Sede.GetValueOrDefault("Comune"), Sede.GetValueOrDefault("Provincia") is { } pr ? $"({pr})" : null, Sede.GetValueOrDefault("Nazione") }
                .Where(s => !string.IsNullOrEmpty(s)));
            return string.Join(", ", new[] { street, town }.Where(s => s.Length > 0));
        }
    }

    internal string? IdCodicePath { get; set; }

    internal string? CodiceFiscalePath { get; set; }

    public string Name => Denominazione ?? string.Join(' ', new[] { Nome, Cognome }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>The country of the party: that of the VAT identifier, Italy when only a codice fiscale is given.</summary>
    public string Country => IdPaese ?? "IT";

    public bool HasVatId => IdCodice is not null;

    internal bool SameSubjectAs(PartyFacts other) =>
        (IdCodice is not null && IdCodice == other.IdCodice && Country == other.Country)
        || (CodiceFiscale is not null && CodiceFiscale == other.CodiceFiscale);
}

/// <summary>The facts of one invoice body (a lotto holds several) collected during the single validation pass.</summary>
public sealed class BodyFacts
{
    public int Position { get; internal set; }

    public string? TipoDocumento { get; internal set; }

    public string? Divisa { get; internal set; }

    public DateOnly? Data { get; internal set; }

    public string? Numero { get; internal set; }

    public decimal? ImportoTotaleDocumento { get; internal set; }

    public string? Causale { get; internal set; }

    public int LineCount { get; internal set; }

    /// <summary>Σ ImponibileImporto of the summary rows.</summary>
    public decimal TaxableTotal { get; internal set; }

    /// <summary>Σ Imposta of the summary rows.</summary>
    public decimal VatTotal { get; internal set; }

    /// <summary>True when a summary row has EsigibilitaIVA S (scissione dei pagamenti).</summary>
    public bool SplitPayment { get; internal set; }

    public List<string> Cig { get; } = [];

    public List<string> Cup { get; } = [];

    /// <summary>IdDocumento of DatiOrdineAcquisto (the order number, NSO reference for health bodies).</summary>
    public List<string> OrderNumbers { get; } = [];

    public List<string> Ibans { get; } = [];

    public List<DateOnly> DueDates { get; } = [];

    public List<decimal> PaymentAmounts { get; } = [];

    public List<string> PaymentMethods { get; } = [];

    internal string Path { get; set; } = "";
}

/// <summary>What the reader learned from a file: format, header parties and the bodies.</summary>
public sealed class InvoiceFacts
{
    public string? Versione { get; internal set; }

    public string? FormatoTrasmissione { get; internal set; }

    public string? CodiceDestinatario { get; internal set; }

    public string? PecDestinatario { get; internal set; }

    public string? ProgressivoInvio { get; internal set; }

    public PartyFacts Trasmittente { get; } = new();

    public PartyFacts Cedente { get; } = new();

    public PartyFacts Cessionario { get; } = new();

    public PartyFacts RappresentanteFiscale { get; } = new();

    public PartyFacts RappresentanteCessionario { get; } = new();

    public List<BodyFacts> Bodies { get; } = [];

    public bool Simplified { get; internal set; }

    public bool HasXmlSignature { get; internal set; }
}
