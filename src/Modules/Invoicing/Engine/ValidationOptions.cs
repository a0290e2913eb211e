namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>Rules a receiving public body applies on top of SdI's (layer 3), configured per body.</summary>
public sealed record PaRules
{
    /// <summary>A CIG (art. 25 DL 66/2014) is required on every invoice.</summary>
    public bool RequireCig { get; init; }

    /// <summary>A CUP is required (investment projects).</summary>
    public bool RequireCup { get; init; }

    /// <summary>The order number (DatiOrdineAcquisto/IdDocumento, NSO for health bodies) is required.</summary>
    public bool RequireOrderNumber { get; init; }

    /// <summary>The body is subject to split payment (art. 17-ter DPR 633/72): taxed summaries must have EsigibilitaIVA S.</summary>
    public bool ExpectSplitPayment { get; init; }

    public bool Any => RequireCig || RequireCup || RequireOrderNumber || ExpectSplitPayment;
}

public sealed record ValidationOptions
{
    /// <summary>The file name as received, checked against the SdI naming rule (00001); null skips the check.</summary>
    public string? FileName { get; init; }

    /// <summary>The date SdI received the file (00403); defaults to today.</summary>
    public DateOnly? ReceivedOn { get; init; }

    public PaRules PaRules { get; init; } = new();

    /// <summary>SdI stops listing format errors after 50 (00201).</summary>
    public int MaxFormatErrors { get; init; } = 50;

    /// <summary>Verify an XAdES enveloped signature when the XML carries one.</summary>
    public bool VerifyXmlSignature { get; init; } = true;

    public static ValidationOptions Default { get; } = new();
}
