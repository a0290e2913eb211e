using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// Validates a FatturaPA file in layers: file (name 00001, size 00003, envelope and signature 001xx), format (XSD, 00200/00201)
/// and content (the offline SdI checks, then the receiving body's own rules). XSD validation and the collection of the facts
/// the content checks need happen in one forward-only pass over an <see cref="XmlReader"/>: memory does not grow with the
/// number of lines, and no object model is built.
/// </summary>
public static partial class InvoiceValidator
{
    static InvoiceValidator() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [GeneratedRegex(@"^[A-Z]{2}[A-Za-z0-9]{2,28}_[A-Za-z0-9]{1,5}\.(xml|xml\.p7m|zip)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();

    /// <summary>Validates the bytes of a file as received (plain XML or .p7m).</summary>
    public static ValidationReport Validate(byte[] file, ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Default;
        var fileIssues = new List<ValidationIssue>();
        if (options.FileName is { } name)
        {
            CheckFileName(name, fileIssues);
        }

        if (file.LongLength > InvoiceEnvelope.MaxFileBytes)
        {
            return Oversized(file.LongLength, options);
        }

        if (file.Length == 0)
        {
            fileIssues.Add(new("00200", "File vuoto.", "/"));
            return new ValidationReport { Facts = new InvoiceFacts(), Issues = fileIssues };
        }

        var kind = InvoiceEnvelope.Sniff(file);
        var (xml, signature, envelopeIssues) = InvoiceEnvelope.Unwrap(file);
        fileIssues.AddRange(envelopeIssues);
        if (xml is null)
        {
            return new ValidationReport { Facts = new InvoiceFacts(), Issues = fileIssues, Envelope = kind };
        }

        var pass = new Pass(options);
        pass.Issues.AddRange(fileIssues);
        string? encoding = pass.Run(xml);
        if (pass.WellFormed && pass.Facts.HasXmlSignature && options.VerifyXmlSignature && kind == EnvelopeKind.PlainXml)
        {
            signature = XadesVerifier.Verify(xml, pass.Issues);
        }

        return new ValidationReport
        {
            Facts = pass.Facts,
            Issues = pass.Issues,
            Envelope = kind,
            Signature = signature,
            Encoding = encoding,
            Xml = xml,
        };
    }

    /// <summary>The report for a file over the SdI size limit, without reading it.</summary>
    public static ValidationReport Oversized(long length, ValidationOptions options)
    {
        var issues = new List<ValidationIssue>();
        if (options.FileName is { } name)
        {
            CheckFileName(name, issues);
        }

        issues.Add(new("00003", $"Le dimensioni del file superano quelle ammesse (5 MB): {length.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("it-IT"))} byte.", "/"));
        return new ValidationReport { Facts = new InvoiceFacts(), Issues = issues };
    }

    /// <summary>SdI file naming: country, sender code, underscore, progressive of 1–5 alphanumerics, .xml / .xml.p7m / .zip.</summary>
    public static void CheckFileName(string name, List<ValidationIssue> issues)
    {
        var match = FileNamePattern().IsMatch(name);
        if (match && name.StartsWith("IT", StringComparison.OrdinalIgnoreCase))
        {
            int sender = name.IndexOf('_', StringComparison.Ordinal) - 2;
            match = sender is >= 11 and <= 16;
        }

        if (!match)
        {
            issues.Add(new("00001", $"Nome file non valido: «{name}» (atteso IT<identificativo>_<progressivo>.xml o .xml.p7m).", "/"));
        }
    }

    private static string? DeclaredEncoding(ReadOnlySpan<byte> xml)
    {
        if (xml.StartsWith("\uFEFF"u8) || xml.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            xml = xml[3..];
        }

        if (!xml.StartsWith("<?xml"u8))
        {
            return null;
        }

        int end = xml.IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = Encoding.ASCII.GetString(xml[..end]);
        var match = Regex.Match(declaration, "encoding\\s*=\\s*[\"']([^\"']+)[\"']", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success ? match.Groups[1].Value : null;
    }

    private static readonly HashSet<string> AcceptedEncodings = new(StringComparer.OrdinalIgnoreCase)
    {
        "utf-8", "utf8", "windows-1252", "cp1252", "iso-8859-1", "latin1", "iso-8859-15", "us-ascii",
    };

    /// <summary>One pass over one XML document.</summary>
    private sealed class Pass(ValidationOptions options) : IPosition
    {
        public InvoiceFacts Facts { get; } = new();

        public List<ValidationIssue> Issues { get; } = [];

        public bool WellFormed { get; private set; }

        private int _formatErrors;
        private Frame[] _stack = new Frame[32];
        private int _depth;
        private XmlReader _reader = null!;
        private readonly ContentChecks _content = new();

        private struct Frame
        {
            public string Name;
            public int Index;
            public string? LastChild;
            public int LastChildCount;
        }

        public string? Run(byte[] xml)
        {
            string? declared = DeclaredEncoding(xml);
            if (declared is not null && !AcceptedEncodings.Contains(declared))
            {
                Issues.Add(new("00200", $"File non conforme al formato: codifica «{declared}» non ammessa (usare UTF-8).", "/"));
                return declared;
            }

            var settings = SafeXml.ReaderSettings();
            settings.IgnoreComments = true;
            settings.IgnoreProcessingInstructions = true;
            settings.IgnoreWhitespace = true;
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = FatturaSchemas.Set;
            settings.ValidationFlags = XmlSchemaValidationFlags.None;
            settings.MaxCharactersInDocument = InvoiceEnvelope.MaxFileBytes * 4;
            settings.CloseInput = true;
            settings.ValidationEventHandler += OnSchemaEvent;

            _content.Begin(Facts, Issues, options);
            try
            {
                using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
                _reader = reader;
                ReadAll(reader);
                WellFormed = true;
            }
            catch (XmlException ex)
            {
                string reason = ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                    ? "dichiarazione DTD non ammessa (protezione da XXE ed espansione di entità)"
                    : $"XML non ben formato ({ex.Message})";
                Issues.Add(new("00200", $"File non conforme al formato: {reason}.", CurrentPath(null)));
                return declared ?? "utf-8";
            }

            _content.End(formatValid: _formatErrors == 0);

            return declared ?? "utf-8";
        }

        private void OnSchemaEvent(object? sender, ValidationEventArgs e)
        {
            if (e.Severity == XmlSeverityType.Warning)
            {
                // Elements with no declaration in the set (a foreign root) are reported as warnings by the validator.
                if (_depth == 0 && _reader.NodeType == XmlNodeType.Element)
                {
                    AddFormatError($"Elemento radice non riconosciuto: {_reader.LocalName} nello spazio dei nomi «{_reader.NamespaceURI}».", "/" + _reader.LocalName);
                }

                return;
            }

            string? pending = _reader.NodeType is XmlNodeType.Element or XmlNodeType.Attribute ? _reader.LocalName : null;
            if (_reader.NodeType == XmlNodeType.Attribute)
            {
                pending = "@" + pending;
            }

            AddFormatError(SchemaMessages.Translate(e.Message), CurrentPath(pending));
        }

        private void AddFormatError(string message, string path)
        {
            _formatErrors++;
            if (_formatErrors <= options.MaxFormatErrors)
            {
                Issues.Add(new("00200", "File non conforme al formato: " + message, path));
            }
            else if (_formatErrors == options.MaxFormatErrors + 1)
            {
                Issues.Add(new("00201", $"Riscontrati più di {options.MaxFormatErrors} errori di formato: l'elenco è interrotto.", "/"));
            }
        }

        private void ReadAll(XmlReader reader)
        {
            string? text = null;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        {
                            string name = reader.LocalName;
                            Push(name);
                            if (_depth == 1)
                            {
                                OnRoot(reader);
                            }

                            _content.OnStart(this);
                            text = null;
                            if (reader.IsEmptyElement)
                            {
                                _content.OnLeaf(this, "");
                                _content.OnEnd(this);
                                _depth--;
                            }

                            break;
                        }

                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.SignificantWhitespace:
                        text = text is null ? reader.Value : text + reader.Value;
                        break;
                    case XmlNodeType.EndElement:
                        if (text is not null)
                        {
                            _content.OnLeaf(this, text);
                            text = null;
                        }

                        _content.OnEnd(this);
                        _depth--;
                        break;
                }
            }
        }

        private void OnRoot(XmlReader reader)
        {
            Facts.Versione = reader.GetAttribute("versione");
            Facts.Simplified = reader.NamespaceURI == FatturaSchemas.SimplifiedNamespace;
            if (reader.NamespaceURI != FatturaSchemas.OrdinaryNamespace && reader.NamespaceURI != FatturaSchemas.SimplifiedNamespace)
            {
                AddFormatError($"l'elemento radice «{reader.Name}» non è una FatturaElettronica (spazio dei nomi «{reader.NamespaceURI}»).", "/" + reader.LocalName);
            }
        }

        private void Push(string name)
        {
            if (_depth > 0)
            {
                ref var parent = ref _stack[_depth - 1];
                int index = ReferenceEquals(parent.LastChild, name) || parent.LastChild == name ? parent.LastChildCount + 1 : 1;
                parent.LastChild = name;
                parent.LastChildCount = index;
                if (_depth == _stack.Length)
                {
                    Array.Resize(ref _stack, _stack.Length * 2);
                }

                _stack[_depth] = new Frame { Name = name, Index = index };
            }
            else
            {
                _stack[0] = new Frame { Name = name, Index = 1 };
            }

            _depth++;
        }

        /// <summary>The XPath of the current element (plus a pending child), with positions on repeatable elements.</summary>
        public string CurrentPath(string? pending) => PathAt(_depth, pending);

        public string PathAt(int depth, string? leaf)
        {
            var sb = new StringBuilder(128);
            for (int i = 0; i < depth; i++)
            {
                sb.Append('/').Append(_stack[i].Name);
                if (_stack[i].Index > 1 || Repeatable.Contains(_stack[i].Name))
                {
                    sb.Append('[').Append(_stack[i].Index).Append(']');
                }
            }

            if (leaf is not null)
            {
                sb.Append('/').Append(leaf);
            }

            return sb.Length == 0 ? "/" : sb.ToString();
        }

        public int Depth => _depth;

        public string NameAt(int level) => level >= 0 && level < _depth ? _stack[level].Name : "";

        public int IndexAt(int level) => _stack[level].Index;
    }

    /// <summary>Where the reader is: element names by level and the XPath.</summary>
    internal interface IPosition
    {
        int Depth { get; }

        string NameAt(int level);

        int IndexAt(int level);

        string PathAt(int depth, string? leaf);
    }

    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        "FatturaElettronicaBody", "DettaglioLinee", "DatiRiepilogo", "DatiRitenuta", "DatiCassaPrevidenziale", "DatiPagamento",
        "DettaglioPagamento", "ScontoMaggiorazione", "DatiOrdineAcquisto", "DatiContratto", "DatiConvenzione", "DatiRicezione",
        "DatiFattureCollegate", "DatiDDT", "Allegati", "AltriDatiGestionali", "CodiceArticolo", "DatiBeniServizi",
    };
}
