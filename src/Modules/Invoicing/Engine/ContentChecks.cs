using System.Globalization;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// The offline SdI content checks (Allegato A, "Elenco controlli") and the receiving body's rules, fed element by element by
/// the validating reader. Line-level checks run when a line ends; totals are kept per VAT rate and Natura, so memory depends on
/// the number of distinct rates, not of lines. Tolerances follow SdI: Imposta and PrezzoTotale ±0.01, ImponibileImporto ±1.00.
/// </summary>
internal sealed class ContentChecks
{
    private const decimal CentTolerance = 0.01m;
    private const decimal TaxableTolerance = 1.00m;

    private InvoiceFacts _facts = null!;
    private List<ValidationIssue> _target = null!;
    private ValidationOptions _options = null!;
    private readonly List<ValidationIssue> _issues = [];

    // Current body.
    private BodyFacts? _body;
    private bool _hasDatiRitenuta;
    private string? _lineWithRitenutaPath;
    private string? _cassaWithRitenutaPath;
    private readonly Dictionary<(decimal Rate, string? Natura), decimal> _lineTotals = [];
    private readonly HashSet<decimal> _lineRates = [];
    private readonly HashSet<string> _lineNature = new(StringComparer.Ordinal);
    private readonly List<Summary> _summaries = [];
    private readonly List<(DateOnly Date, string Path)> _linkedDates = [];
    private string? _firstLinePath;
    private bool _anyZeroRateLine;
    private decimal _simplifiedTotal;

    // Current line, cassa, summary, discount.
    private decimal? _quantity, _unitPrice, _totalPrice, _lineRate;
    private string? _lineNatura;
    private bool _lineRitenuta;
    private readonly List<(bool Discount, decimal? Percent, decimal? Amount)> _lineDiscounts = [];
    private decimal? _cassaRate, _cassaAmount;
    private string? _cassaNatura;
    private bool _cassaRitenuta;
    private decimal? _summaryRate, _summaryTaxable, _summaryTax, _summaryRounding;
    private string? _summaryNatura, _summaryEsigibilita, _summaryTaxablePath, _summaryTaxPath;
    private string? _discountType;
    private decimal? _discountPercent, _discountAmount;

    private sealed record Summary(decimal Rate, string? Natura, decimal Taxable, decimal Rounding, string? Esigibilita, string Path);

    public void Begin(InvoiceFacts facts, List<ValidationIssue> target, ValidationOptions options)
    {
        _facts = facts;
        _target = target;
        _options = options;
        _issues.Clear();
    }

    /// <summary>Content findings are reported only when the format is valid, as SdI does: rules on a malformed file mislead.</summary>
    public void End(bool formatValid)
    {
        if (formatValid)
        {
            _target.AddRange(_issues);
        }
    }

    private void Add(string code, string message, string path) => _issues.Add(new ValidationIssue(code, message, path));

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static string Amount(decimal value) => value.ToString("0.00######", CultureInfo.InvariantCulture);

    public void OnStart(InvoiceValidator.IPosition p)
    {
        int depth = p.Depth;
        string name = p.NameAt(depth - 1);
        if (depth == 2)
        {
            if (name == "FatturaElettronicaBody")
            {
                StartBody(p);
            }
            else if (name == "Signature")
            {
                _facts.HasXmlSignature = true;
            }

            return;
        }

        if (_body is null)
        {
            return;
        }

        switch (name)
        {
            case "DatiRitenuta":
                _hasDatiRitenuta = true;
                break;
            case "DettaglioLinee":
                _quantity = _unitPrice = _totalPrice = _lineRate = null;
                _lineNatura = null;
                _lineRitenuta = false;
                _lineDiscounts.Clear();
                break;
            case "DatiCassaPrevidenziale":
                _cassaRate = _cassaAmount = null;
                _cassaNatura = null;
                _cassaRitenuta = false;
                break;
            case "DatiRiepilogo":
                _summaryRate = _summaryTaxable = _summaryTax = _summaryRounding = null;
                _summaryNatura = _summaryEsigibilita = _summaryTaxablePath = _summaryTaxPath = null;
                break;
            case "ScontoMaggiorazione":
                _discountType = null;
                _discountPercent = _discountAmount = null;
                break;
        }
    }

    private void StartBody(InvoiceValidator.IPosition p)
    {
        _body = new BodyFacts { Position = p.IndexAt(1), Path = p.PathAt(2, null) };
        _facts.Bodies.Add(_body);
        _hasDatiRitenuta = false;
        _lineWithRitenutaPath = _cassaWithRitenutaPath = _firstLinePath = null;
        _lineTotals.Clear();
        _lineRates.Clear();
        _lineNature.Clear();
        _summaries.Clear();
        _linkedDates.Clear();
        _anyZeroRateLine = false;
        _simplifiedTotal = 0;
    }

    public void OnLeaf(InvoiceValidator.IPosition p, string text)
    {
        int depth = p.Depth;
        if (depth < 3)
        {
            return;
        }

        string name = p.NameAt(depth - 1);
        string parent = p.NameAt(depth - 2);
        if (p.NameAt(1) == "FatturaElettronicaHeader")
        {
            HeaderLeaf(p, name, parent, text);
        }
        else if (_body is not null)
        {
            BodyLeaf(p, name, parent, text);
        }
    }

    private PartyFacts? PartyOf(InvoiceValidator.IPosition p)
    {
        switch (p.NameAt(2))
        {
            case "CedentePrestatore":
                return _facts.Cedente;
            case "RappresentanteFiscale":
                return _facts.RappresentanteFiscale;
            case "CessionarioCommittente":
                for (int level = 3; level < p.Depth; level++)
                {
                    if (p.NameAt(level) == "RappresentanteFiscale")
                    {
                        return _facts.RappresentanteCessionario;
                    }
                }

                return _facts.Cessionario;
            default:
                return null;
        }
    }

    private void HeaderLeaf(InvoiceValidator.IPosition p, string name, string parent, string text)
    {
        switch (name)
        {
            case "IdPaese" when parent == "IdTrasmittente":
                _facts.Trasmittente.IdPaese = text;
                break;
            case "IdCodice" when parent == "IdTrasmittente":
                _facts.Trasmittente.IdCodice = text;
                _facts.Trasmittente.IdCodicePath = p.PathAt(p.Depth, null);
                break;
            case "FormatoTrasmissione":
                _facts.FormatoTrasmissione = text;
                break;
            case "CodiceDestinatario":
                _facts.CodiceDestinatario = text;
                break;
            case "PECDestinatario":
                _facts.PecDestinatario = text;
                break;
            case "ProgressivoInvio":
                _facts.ProgressivoInvio = text;
                break;
            case "IdPaese" when parent == "IdFiscaleIVA":
                if (PartyOf(p) is { } a)
                {
                    a.IdPaese = text;
                }

                break;
            case "IdCodice" when parent == "IdFiscaleIVA":
                if (PartyOf(p) is { } b)
                {
                    b.IdCodice = text;
                    b.IdCodicePath = p.PathAt(p.Depth, null);
                }

                break;
            case "CodiceFiscale":
                if (PartyOf(p) is { } c)
                {
                    c.CodiceFiscale = text;
                    c.CodiceFiscalePath = p.PathAt(p.Depth, null);
                }

                break;
            case "Denominazione" or "Nome" or "Cognome" when parent is "Anagrafica" or "CedentePrestatore" or "AltriDatiIdentificativi":
                if (PartyOf(p) is { } d)
                {
                    if (name == "Denominazione")
                    {
                        d.Denominazione = text;
                    }
                    else if (name == "Nome")
                    {
                        d.Nome = text;
                    }
                    else
                    {
                        d.Cognome = text;
                    }
                }

                break;
            case "Indirizzo" or "NumeroCivico" or "CAP" or "Comune" or "Provincia" or "Nazione" when parent == "Sede":
                if (PartyOf(p) is { } s)
                {
                    s.Sede[name] = text;
                }

                break;
            case "RegimeFiscale":
                if (PartyOf(p) is { } e)
                {
                    e.RegimeFiscale = text;
                }

                break;
        }
    }

    private void BodyLeaf(InvoiceValidator.IPosition p, string name, string parent, string text)
    {
        var body = _body!;
        switch (parent)
        {
            case "DatiGeneraliDocumento":
                switch (name)
                {
                    case "TipoDocumento":
                        body.TipoDocumento = text;
                        break;
                    case "Divisa":
                        body.Divisa = text;
                        break;
                    case "Data":
                        body.Data = Date(text);
                        break;
                    case "Numero":
                        body.Numero = text;
                        break;
                    case "ImportoTotaleDocumento":
                        body.ImportoTotaleDocumento = Number(text);
                        break;
                    case "Causale":
                        body.Causale ??= text;
                        break;
                }

                break;
            case "DettaglioLinee":
                switch (name)
                {
                    case "Quantita":
                        _quantity = Number(text);
                        break;
                    case "PrezzoUnitario":
                        _unitPrice = Number(text);
                        break;
                    case "PrezzoTotale":
                        _totalPrice = Number(text);
                        break;
                    case "AliquotaIVA":
                        _lineRate = Number(text);
                        break;
                    case "Natura":
                        _lineNatura = text;
                        break;
                    case "Ritenuta":
                        _lineRitenuta = text == "SI";
                        break;
                }

                break;
            case "DatiRiepilogo":
                switch (name)
                {
                    case "AliquotaIVA":
                        _summaryRate = Number(text);
                        break;
                    case "Natura":
                        _summaryNatura = text;
                        break;
                    case "ImponibileImporto":
                        _summaryTaxable = Number(text);
                        _summaryTaxablePath = p.PathAt(p.Depth, null);
                        break;
                    case "Imposta":
                        _summaryTax = Number(text);
                        _summaryTaxPath = p.PathAt(p.Depth, null);
                        break;
                    case "EsigibilitaIVA":
                        _summaryEsigibilita = text;
                        break;
                    case "Arrotondamento":
                        _summaryRounding = Number(text);
                        break;
                }

                break;
            case "DatiCassaPrevidenziale":
                switch (name)
                {
                    case "AliquotaIVA":
                        _cassaRate = Number(text);
                        break;
                    case "ImportoContributoCassa":
                        _cassaAmount = Number(text);
                        break;
                    case "Natura":
                        _cassaNatura = text;
                        break;
                    case "Ritenuta":
                        _cassaRitenuta = text == "SI";
                        break;
                }

                break;
            case "ScontoMaggiorazione":
                switch (name)
                {
                    case "Tipo":
                        _discountType = text;
                        break;
                    case "Percentuale":
                        _discountPercent = Number(text);
                        break;
                    case "Importo":
                        _discountAmount = Number(text);
                        break;
                }

                break;
            case "DatiOrdineAcquisto" or "DatiContratto" or "DatiConvenzione" or "DatiRicezione" or "DatiFattureCollegate":
                switch (name)
                {
                    case "CodiceCIG":
                        body.Cig.Add(text);
                        break;
                    case "CodiceCUP":
                        body.Cup.Add(text);
                        break;
                    case "IdDocumento" when parent == "DatiOrdineAcquisto":
                        body.OrderNumbers.Add(text);
                        break;
                    case "Data" when parent == "DatiFattureCollegate":
                        if (Date(text) is { } linked)
                        {
                            _linkedDates.Add((linked, p.PathAt(p.Depth, null)));
                        }

                        break;
                }

                break;
            case "DatiRitenuta" when name == "CausalePagamento":
                CheckRefused("CausalePagamentoType", text, p.PathAt(p.Depth, null), "CausalePagamento");
                break;
            case "DettaglioPagamento":
                switch (name)
                {
                    case "IBAN":
                        body.Ibans.Add(text);
                        break;
                    case "DataScadenzaPagamento":
                        if (Date(text) is { } due)
                        {
                            body.DueDates.Add(due);
                        }

                        break;
                    case "ImportoPagamento":
                        if (Number(text) is { } amount)
                        {
                            body.PaymentAmounts.Add(amount);
                        }

                        break;
                    case "ModalitaPagamento":
                        body.PaymentMethods.Add(text);
                        break;
                }

                break;

            // Simplified invoice (FSM10): DatiBeniServizi/{Importo, Natura, DatiIVA/{Imposta, Aliquota}}.
            case "DatiBeniServizi" when _facts.Simplified:
                if (name == "Importo" && Number(text) is { } importo)
                {
                    _simplifiedTotal += importo;
                    body.LineCount++;
                }

                break;
        }
    }

    private void CheckRefused(string type, string code, string path, string field)
    {
        if (FatturaSchemas.CodeLists.FindRefused(type, code) is { } refused)
        {
            string message = refused.Check == "00445"
                ? $"{field} «{code}» generico non più ammesso dal {refused.Since:dd/MM/yyyy}: indicare il sottocodice (es. {code}.1)."
                : $"{field} «{code}» non più ammesso dal {refused.Since:dd/MM/yyyy}.";
            Add(refused.Check, message, path);
        }
    }

    public void OnEnd(InvoiceValidator.IPosition p)
    {
        int depth = p.Depth;
        string name = p.NameAt(depth - 1);
        if (depth == 2)
        {
            if (name == "FatturaElettronicaHeader")
            {
                EndHeader(p);
            }
            else if (name == "FatturaElettronicaBody" && _body is not null)
            {
                EndBody(p);
                _body = null;
            }

            return;
        }

        if (_body is null)
        {
            return;
        }

        switch (name)
        {
            case "DettaglioLinee":
                EndLine(p);
                break;
            case "DatiCassaPrevidenziale":
                EndCassa(p);
                break;
            case "DatiRiepilogo":
                EndSummary(p);
                break;
            case "ScontoMaggiorazione":
                EndDiscount(p);
                break;
        }
    }

    private void EndDiscount(InvoiceValidator.IPosition p)
    {
        bool onLine = p.NameAt(p.Depth - 2) == "DettaglioLinee";
        if (_discountType is not null && _discountPercent is null && _discountAmount is null)
        {
            if (onLine)
            {
                Add("00438", "2.2.1.10.2 <Percentuale> e 2.2.1.10.3 <Importo> non presenti a fronte di 2.2.1.10.1 <Tipo> valorizzato.", p.PathAt(p.Depth, null));
            }
            else
            {
                Add("00437", "2.1.1.8.2 <Percentuale> e 2.1.1.8.3 <Importo> non presenti a fronte di 2.1.1.8.1 <Tipo> valorizzato.", p.PathAt(p.Depth, null));
            }
        }

        if (onLine)
        {
            _lineDiscounts.Add((_discountType == "SC", _discountPercent, _discountAmount));
        }
    }

    private static bool IsPercentageMistake(decimal rate) => rate > 0 && rate < 1;

    private void EndLine(InvoiceValidator.IPosition p)
    {
        var body = _body!;
        body.LineCount++;
        string? path = null;
        string Path() => path ??= p.PathAt(p.Depth, null);
        _firstLinePath ??= Path();
        decimal rate = _lineRate ?? 0;
        if (_lineRate is null || _totalPrice is null)
        {
            return; // the XSD reports the missing element
        }

        if (rate == 0 && _lineNatura is null)
        {
            Add("00400", "2.2.1.14 <Natura> non presente a fronte di 2.2.1.12 <AliquotaIVA> pari a zero.", Path() + "/AliquotaIVA");
        }
        else if (rate != 0 && _lineNatura is not null)
        {
            Add("00401", $"2.2.1.14 <Natura> ({_lineNatura}) presente a fronte di 2.2.1.12 <AliquotaIVA> diversa da zero ({Amount(rate)}).", Path() + "/Natura");
        }

        if (_lineNatura is not null)
        {
            CheckRefused("NaturaType", _lineNatura, Path() + "/Natura", "Natura");
        }

        if (IsPercentageMistake(rate))
        {
            Add("00424", $"2.2.1.12 <AliquotaIVA> non indicata in termini percentuali ({Amount(rate)}: per il 22% indicare 22.00).", Path() + "/AliquotaIVA");
        }

        if (_lineRitenuta)
        {
            _lineWithRitenutaPath ??= Path() + "/Ritenuta";
        }

        if (rate == 0)
        {
            _anyZeroRateLine = true;
        }

        if (_unitPrice is { } unit && !LineTotalMatches(unit, _quantity ?? 1m, _totalPrice.Value))
        {
            Add("00423", $"2.2.1.11 <PrezzoTotale> non calcolato secondo le regole definite nelle specifiche tecniche: {Amount(_totalPrice.Value)} invece di {Amount(Math.Round(ExpectedLineTotal(unit, _quantity ?? 1m, perUnitAmounts: true), 2, MidpointRounding.AwayFromZero))}.", Path() + "/PrezzoTotale");
        }

        var key = (rate, rate == 0 ? _lineNatura : null);
        _lineTotals[key] = _lineTotals.GetValueOrDefault(key) + _totalPrice.Value;
        _lineRates.Add(rate);
        if (rate == 0 && _lineNatura is not null)
        {
            _lineNature.Add(_lineNatura);
        }
    }

    /// <summary>
    /// PrezzoTotale = (PrezzoUnitario ± sconti/maggiorazioni) × Quantità. Percentages apply in sequence to the price; an
    /// amount is read per unit, and, since senders differ, also as an amount on the whole line.
    /// </summary>
    private bool LineTotalMatches(decimal unit, decimal quantity, decimal total) =>
        Math.Abs(ExpectedLineTotal(unit, quantity, perUnitAmounts: true) - total) <= CentTolerance
        || (_lineDiscounts.Count > 0 && Math.Abs(ExpectedLineTotal(unit, quantity, perUnitAmounts: false) - total) <= CentTolerance);

    private decimal ExpectedLineTotal(decimal unit, decimal quantity, bool perUnitAmounts)
    {
        decimal price = unit;
        decimal lineAmounts = 0;
        foreach (var (discount, percent, amount) in _lineDiscounts)
        {
            decimal sign = discount ? -1 : 1;
            if (percent is { } pc)
            {
                price += sign * price * pc / 100m;
            }
            else if (amount is { } am)
            {
                if (perUnitAmounts)
                {
                    price += sign * am;
                }
                else
                {
                    lineAmounts += sign * am;
                }
            }
        }

        return price * quantity + lineAmounts;
    }

    private void EndCassa(InvoiceValidator.IPosition p)
    {
        string path = p.PathAt(p.Depth, null);
        if (_cassaRate is not { } rate)
        {
            return;
        }

        if (rate == 0 && _cassaNatura is null)
        {
            Add("00413", "2.1.1.7.7 <Natura> non presente a fronte di 2.1.1.7.5 <AliquotaIVA> pari a zero.", path + "/AliquotaIVA");
        }
        else if (rate != 0 && _cassaNatura is not null)
        {
            Add("00414", "2.1.1.7.7 <Natura> presente a fronte di 2.1.1.7.5 <AliquotaIVA> diversa da zero.", path + "/Natura");
        }

        if (_cassaNatura is not null)
        {
            CheckRefused("NaturaType", _cassaNatura, path + "/Natura", "Natura");
        }

        if (IsPercentageMistake(rate))
        {
            Add("00424", $"2.1.1.7.5 <AliquotaIVA> non indicata in termini percentuali ({Amount(rate)}).", path + "/AliquotaIVA");
        }

        if (_cassaRitenuta)
        {
            _cassaWithRitenutaPath ??= path + "/Ritenuta";
        }

        var key = (rate, rate == 0 ? _cassaNatura : null);
        _lineTotals[key] = _lineTotals.GetValueOrDefault(key) + (_cassaAmount ?? 0);
        _lineRates.Add(rate);
        if (rate == 0 && _cassaNatura is not null)
        {
            _lineNature.Add(_cassaNatura);
        }
    }

    private void EndSummary(InvoiceValidator.IPosition p)
    {
        var body = _body!;
        string path = p.PathAt(p.Depth, null);
        if (_summaryRate is not { } rate || _summaryTaxable is not { } taxable || _summaryTax is not { } tax)
        {
            return;
        }

        if (rate == 0 && _summaryNatura is null)
        {
            Add("00429", "2.2.2.2 <Natura> non presente a fronte di 2.2.2.1 <AliquotaIVA> pari a zero.", path + "/AliquotaIVA");
        }
        else if (rate != 0 && _summaryNatura is not null)
        {
            Add("00430", "2.2.2.2 <Natura> presente a fronte di 2.2.2.1 <AliquotaIVA> diversa da zero.", path + "/Natura");
        }

        if (_summaryNatura is not null)
        {
            CheckRefused("NaturaType", _summaryNatura, path + "/Natura", "Natura");
            if (_summaryNatura.StartsWith("N6", StringComparison.Ordinal) && _summaryEsigibilita == "S")
            {
                Add("00420", "2.2.2.2 <Natura> con valore di tipo N6 (inversione contabile) a fronte di 2.2.2.7 <EsigibilitaIVA> uguale a S (scissione pagamenti).", path + "/EsigibilitaIVA");
            }
        }

        if (IsPercentageMistake(rate))
        {
            Add("00424", $"2.2.2.1 <AliquotaIVA> non indicata in termini percentuali ({Amount(rate)}).", path + "/AliquotaIVA");
        }

        decimal expectedTax = Math.Round(taxable * rate / 100m, 2, MidpointRounding.AwayFromZero);
        if (Math.Abs(expectedTax - tax) > CentTolerance)
        {
            Add("00421", $"2.2.2.6 <Imposta> non calcolato secondo le regole definite nelle specifiche tecniche: {Amount(tax)} invece di {Amount(expectedTax)} ({Amount(taxable)} × {Amount(rate)}%).", _summaryTaxPath ?? path);
        }

        _summaries.Add(new Summary(rate, rate == 0 ? _summaryNatura : null, taxable, _summaryRounding ?? 0, _summaryEsigibilita, _summaryTaxablePath ?? path));
        body.TaxableTotal += taxable;
        body.VatTotal += tax;
        if (_summaryEsigibilita == "S")
        {
            body.SplitPayment = true;
        }
    }

    private void EndHeader(InvoiceValidator.IPosition p)
    {
        string root = "/" + p.NameAt(0) + "/FatturaElettronicaHeader";
        var formato = _facts.FormatoTrasmissione;
        if (formato is not null && _facts.Versione is not null && formato != _facts.Versione)
        {
            Add("00428", $"1.1.3 <FormatoTrasmissione> ({formato}) non coerente con il valore dell'attributo versione ({_facts.Versione}).", root + "/DatiTrasmissione/FormatoTrasmissione");
        }

        if (_facts.CodiceDestinatario is { } code
            && ((formato == "FPA12" && code.Length == 7) || (formato == "FPR12" && code.Length == 6)))
        {
            Add("00427", $"1.1.4 <CodiceDestinatario> di {code.Length} caratteri a fronte di 1.1.3 <FormatoTrasmissione> con valore {formato} (FPA12 richiede il codice ufficio IPA di 6 caratteri, FPR12 un codice di 7).", root + "/DatiTrasmissione/CodiceDestinatario");
        }

        CheckVatId(_facts.Trasmittente, "00300", "1.1.1.2 <IdCodice>", allowTaxCode: true);
        CheckVatId(_facts.Cedente, "00301", "1.2.1.1.2 <IdCodice>", allowTaxCode: false);
        CheckTaxCode(_facts.Cedente, "00302", "1.2.1.2 <CodiceFiscale>");
        CheckVatId(_facts.RappresentanteFiscale, "00303", "1.3.1.1.2 <IdCodice>", allowTaxCode: false);
        CheckTaxCode(_facts.RappresentanteFiscale, "00304", "1.3.1.2 <CodiceFiscale>");
        CheckVatId(_facts.Cessionario, "00305", "1.4.1.1.2 <IdCodice>", allowTaxCode: false);
        CheckTaxCode(_facts.Cessionario, "00306", "1.4.1.2 <CodiceFiscale>");
        CheckVatId(_facts.RappresentanteCessionario, "00303", "1.4.4.1.2 <IdCodice>", allowTaxCode: false);
        if (!_facts.Simplified && _facts.Cessionario.IdCodice is null && _facts.Cessionario.CodiceFiscale is null)
        {
            Add("00417", "1.4.1.1 <IdFiscaleIVA> e 1.4.1.2 <CodiceFiscale> non valorizzati (almeno uno dei due deve essere valorizzato).", root + "/CessionarioCommittente/DatiAnagrafici");
        }
    }

    private void CheckVatId(PartyFacts party, string code, string field, bool allowTaxCode)
    {
        if (party.IdCodice is not { } id || party.IdPaese != "IT")
        {
            return;
        }

        bool valid = allowTaxCode ? TaxIdentifiers.IsValidTaxCode(id) : TaxIdentifiers.IsValidVatNumber(id);
        if (!valid)
        {
            Add(code, $"{field} non valido: «{id}» non è una partita IVA italiana valida (cifra di controllo errata o formato non corretto).", party.IdCodicePath ?? "/");
        }
    }

    private void CheckTaxCode(PartyFacts party, string code, string field)
    {
        if (party.CodiceFiscale is { } cf && !TaxIdentifiers.IsValidTaxCode(cf))
        {
            Add(code, $"{field} non valido: «{cf}» ha un carattere di controllo errato o un formato non corretto.", party.CodiceFiscalePath ?? "/");
        }
    }

    private static readonly HashSet<string> NotToSelf = ["TD01", "TD02", "TD03", "TD06", "TD16", "TD17", "TD18", "TD19", "TD20", "TD24", "TD25", "TD28", "TD29"];
    private static readonly HashSet<string> BuyerVatRequired = ["TD16", "TD17", "TD18", "TD19", "TD20", "TD22", "TD23", "TD28", "TD29"];

    private void EndBody(InvoiceValidator.IPosition p)
    {
        var body = _body!;
        string general = body.Path + "/DatiGenerali/DatiGeneraliDocumento";
        if (body.Numero is { } numero && !numero.Any(char.IsAsciiDigit))
        {
            Add("00425", $"2.1.1.4 <Numero> non contenente caratteri numerici («{numero}»).", general + "/Numero");
        }

        // SdI dates a file by the day in Italy: a little after midnight there, it is still yesterday in UTC.
        var receivedOn = _options.ReceivedOn ?? PenToscana.Kernel.Calendar.ItalianTime.TodayInItaly(TimeProvider.System);
        if (body.Data is { } date)
        {
            if (date > receivedOn)
            {
                Add("00403", $"2.1.1.3 <Data> ({date:dd/MM/yyyy}) successiva alla data di ricezione ({receivedOn:dd/MM/yyyy}).", general + "/Data");
            }

            foreach (var (linked, path) in _linkedDates)
            {
                if (date < linked)
                {
                    Add("00418", $"2.1.1.3 <Data> ({date:dd/MM/yyyy}) antecedente a 2.1.6.3 <Data> della fattura collegata ({linked:dd/MM/yyyy}).", path);
                }
            }
        }

        if (_facts.Simplified)
        {
            EndSimplifiedBody(general);
            CheckPaRules(body);
            return;
        }

        if (!_hasDatiRitenuta && _lineWithRitenutaPath is not null)
        {
            Add("00411", "2.1.1.5 <DatiRitenuta> non presente a fronte di almeno un blocco 2.2.1 <DettaglioLinee> con 2.2.1.13 <Ritenuta> uguale a SI.", _lineWithRitenutaPath);
        }

        if (!_hasDatiRitenuta && _cassaWithRitenutaPath is not null)
        {
            Add("00415", "2.1.1.5 <DatiRitenuta> non presente a fronte di 2.1.1.7.6 <Ritenuta> uguale a SI.", _cassaWithRitenutaPath);
        }

        CheckSummaries(body);
        CheckDocumentType(body, general);
        CheckPaRules(body);
    }

    private void CheckSummaries(BodyFacts body)
    {
        string summaryRoot = body.Path + "/DatiBeniServizi";
        var summaryRates = new HashSet<decimal>();
        var summaryNature = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in _summaries)
        {
            summaryRates.Add(s.Rate);
            if (s.Natura is not null)
            {
                summaryNature.Add(s.Natura);
            }
        }

        foreach (var rate in _lineRates)
        {
            if (!summaryRates.Contains(rate))
            {
                Add("00419", $"2.2.2 <DatiRiepilogo> non presente in corrispondenza dell'aliquota {Amount(rate)} indicata in 2.2.1.12 <AliquotaIVA> o 2.1.1.7.5 <AliquotaIVA>.", summaryRoot);
            }
        }

        foreach (var s in _summaries)
        {
            if (!_lineRates.Contains(s.Rate))
            {
                Add("00443", $"Non c'è corrispondenza tra i valori indicati in 2.2.1.12 <AliquotaIVA> o 2.1.1.7.5 <AliquotaIVA> e quelli di 2.2.2.1 <AliquotaIVA> ({Amount(s.Rate)}).", s.Path);
            }
        }

        if (!summaryNature.SetEquals(_lineNature))
        {
            var missing = _lineNature.Except(summaryNature).Concat(summaryNature.Except(_lineNature)).Order(StringComparer.Ordinal);
            Add("00444", $"Non c'è corrispondenza tra i valori indicati in 2.2.1.14 <Natura> o 2.1.1.7.7 <Natura> e quelli di 2.2.2.2 <Natura> ({string.Join(", ", missing)}).", summaryRoot);
        }

        // 00422: per rate (and Natura when the rate is zero), Σ ImponibileImporto = Σ PrezzoTotale + Σ contributo cassa + Σ Arrotondamento, ±1.00.
        var seen = new HashSet<(decimal, string?)>();
        foreach (var s in _summaries)
        {
            var key = (s.Rate, s.Natura);
            if (!seen.Add(key) || !_lineRates.Contains(s.Rate))
            {
                continue;
            }

            decimal declared = 0, rounding = 0;
            foreach (var other in _summaries)
            {
                if (other.Rate == s.Rate && other.Natura == s.Natura)
                {
                    declared += other.Taxable;
                    rounding += other.Rounding;
                }
            }

            decimal computed = _lineTotals.GetValueOrDefault(key) + rounding;
            if (Math.Abs(declared - computed) > TaxableTolerance)
            {
                string rateText = s.Natura is null ? $"aliquota {Amount(s.Rate)}%" : $"natura {s.Natura}";
                Add("00422", $"2.2.2.5 <ImponibileImporto> non calcolato secondo le regole definite nelle specifiche tecniche: per {rateText} è dichiarato {Amount(declared)}, le linee e i contributi cassa sommano {Amount(computed)}.", s.Path);
            }
        }
    }

    private void CheckDocumentType(BodyFacts body, string general)
    {
        if (body.TipoDocumento is not { } td)
        {
            return;
        }

        var cedente = _facts.Cedente;
        var cessionario = _facts.Cessionario;
        bool same = cedente.SameSubjectAs(cessionario);
        if (same && NotToSelf.Contains(td))
        {
            Add("00471", $"Per il tipo documento {td} il cedente/prestatore non può essere uguale al cessionario/committente.", general + "/TipoDocumento");
        }

        if (!same && td is "TD21" or "TD27")
        {
            Add("00472", $"Per il tipo documento {td} il cedente/prestatore deve essere uguale al cessionario/committente.", general + "/TipoDocumento");
        }

        string country = cedente.Country;
        string? wrongCountry = td switch
        {
            "TD17" or "TD18" or "TD19" when country == "IT" => "non può avere IdPaese IT",
            "TD28" when country != "SM" => "deve avere IdPaese SM (San Marino)",
            "TD29" when country != "IT" => "deve avere IdPaese IT",
            _ => null,
        };
        if (wrongCountry is not null)
        {
            Add("00473", $"Per il tipo documento {td} il cedente/prestatore {wrongCountry} (indicato {country}).", general + "/TipoDocumento");
        }

        if (td == "TD21" && _anyZeroRateLine)
        {
            Add("00474", "Per il tipo documento TD21 non è ammessa l'indicazione di linee con 2.2.1.12 <AliquotaIVA> pari a zero.", general + "/TipoDocumento");
        }

        if (BuyerVatRequired.Contains(td) && !cessionario.HasVatId)
        {
            Add("00475", $"Per il tipo documento {td} deve essere indicato 1.4.1.1 <IdFiscaleIVA> del cessionario/committente.", general + "/TipoDocumento");
        }

        if (country != "IT" && cessionario.Country != "IT")
        {
            Add("00476", $"Il cedente/prestatore ({country}) e il cessionario/committente ({cessionario.Country}) non possono essere entrambi non residenti in Italia.", general + "/TipoDocumento");
        }
    }

    private void EndSimplifiedBody(string general)
    {
        // 00460: a simplified invoice may not exceed € 400 (art. 21-bis DPR 633/72); the RF20 cross-border scheme is exempt (spec 1.9).
        if (_body!.TipoDocumento == "TD07" && _simplifiedTotal > 400m && _facts.Cedente.RegimeFiscale != "RF20")
        {
            Add("00460", $"Importo totale della fattura semplificata ({Amount(_simplifiedTotal)}) superiore al limite di 400,00 euro.", general);
        }

        _body.TaxableTotal = _simplifiedTotal;
    }

    private void CheckPaRules(BodyFacts body)
    {
        var rules = _options.PaRules;
        if (!rules.Any)
        {
            return;
        }

        string general = body.Path + "/DatiGenerali";
        if (rules.RequireCig && body.Cig.Count == 0)
        {
            Add("PA001", "Codice CIG assente: l'ente lo richiede (art. 25 DL 66/2014); è motivo di rifiuto ammesso (DM 132/2020).", general);
        }

        if (rules.RequireCup && body.Cup.Count == 0)
        {
            Add("PA002", "Codice CUP assente: l'ente lo richiede per questa spesa; è motivo di rifiuto ammesso (DM 132/2020).", general);
        }

        if (rules.RequireOrderNumber && body.OrderNumbers.Count == 0)
        {
            Add("PA003", "Numero d'ordine assente (2.1.2 <DatiOrdineAcquisto>/<IdDocumento>): l'ente lo richiede.", general);
        }

        if (rules.ExpectSplitPayment)
        {
            foreach (var s in _summaries)
            {
                if (s.Rate > 0 && s.Esigibilita != "S")
                {
                    Add("PA004", $"L'ente è soggetto alla scissione dei pagamenti (art. 17-ter DPR 633/72): <EsigibilitaIVA> deve essere S, indicato «{s.Esigibilita ?? "I"}».", s.Path.Replace("/ImponibileImporto", "/EsigibilitaIVA", StringComparison.Ordinal));
                }
            }
        }
    }
}
