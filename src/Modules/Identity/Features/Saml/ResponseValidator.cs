using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>An AuthnRequest this SP issued and is still waiting an answer for.</summary>
internal sealed record OutstandingRequest(string Id, string IdpEntityId, DateTimeOffset IssueInstant, SpidLevel Level, string Comparison);

/// <summary>The identity an accepted assertion carries.</summary>
internal sealed record SamlIdentity(
    string NameId,
    string NameQualifier,
    string? SessionIndex,
    SpidLevel Level,
    string AssertionId,
    DateTimeOffset AssertionNotOnOrAfter,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The codice fiscale, from fiscalNumber "TINIT-…" (attributi.rst).</summary>
    public string? TaxCode => Attributes.TryGetValue("fiscalNumber", out var v) && v.StartsWith("TINIT-", StringComparison.Ordinal) ? v[6..].ToUpperInvariant() : null;

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var v) ? v : null;
}

/// <summary>Why a response was refused: a message for the citizen and, for the user anomalies, the SPID error code.</summary>
internal sealed record SamlFailure(string Message, int? SpidErrorCode = null, int HttpStatus = 403)
{
    public static readonly IReadOnlyDictionary<int, string> Anomalies = new Dictionary<int, string>
    {
        [19] = "Autenticazione non riuscita: sono state inserite troppe volte credenziali errate.",
        [20] = "Non disponi di credenziali SPID del livello di sicurezza richiesto da questo servizio.",
        [21] = "Il tempo a disposizione per l'autenticazione è scaduto.",
        [22] = "Hai negato il consenso all'invio dei tuoi dati al servizio.",
        [23] = "La tua identità digitale risulta sospesa o revocata, oppure le credenziali sono bloccate.",
        [25] = "Hai annullato il processo di autenticazione.",
        [30] = "L'identità digitale usata non è del tipo richiesto dal servizio (persona fisica, uso professionale, persona giuridica).",
    };
}

/// <summary>A response that parsed: the document and the request ID it claims to answer (to find the outstanding request).</summary>
internal sealed record ParsedResponse(XmlDocument Document, XmlElement Root, string? InResponseTo, string Xml);

/// <summary>
/// The SPID "Processamento della Response" checks, in order (Regole Tecniche single-sign-on.rst; the spid-saml-check and
/// spid-sp-test response cases). Anything unexpected is a refusal; only a response that passes every check yields an identity.
/// </summary>
internal static partial class ResponseValidator
{
    public const int MaxEncodedLength = 350_000;

    private const string Malformed = "La risposta del gestore dell'identità non è valida.";

    public static (ParsedResponse? Response, SamlFailure? Failure) Read(string? samlResponse)
    {
        if (string.IsNullOrWhiteSpace(samlResponse))
        {
            return (null, new SamlFailure("Nessuna risposta di autenticazione ricevuta.", HttpStatus: 400));
        }

        if (samlResponse.Length > MaxEncodedLength)
        {
            return (null, new SamlFailure("La risposta di autenticazione è troppo grande.", HttpStatus: 413));
        }

        try
        {
            var xml = Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse));
            var document = SamlXml.Load(xml);
            var root = document.DocumentElement!;
            if (root.LocalName != "Response" || root.NamespaceURI != SamlNames.Protocol)
            {
                return (null, new SamlFailure(Malformed, HttpStatus: 400));
            }

            return (new ParsedResponse(document, root, root.Attr("InResponseTo"), xml), null);
        }
        catch (Exception e) when (e is FormatException or XmlException or DecoderFallbackException)
        {
            return (null, new SamlFailure(Malformed, HttpStatus: 400));
        }
    }

    public static (SamlIdentity? Identity, SamlFailure? Failure) Validate(
        ParsedResponse response, OutstandingRequest request, IdentityProvider idp, ServiceProviderSettings sp, DateTimeOffset now)
    {
        var failure = Check(response, request, idp, sp, now, out var identity);
        return failure is null ? (identity, null) : (null, failure);
    }

    private static SamlFailure? Check(ParsedResponse response, OutstandingRequest request, IdentityProvider idp, ServiceProviderSettings sp, DateTimeOffset now, out SamlIdentity? identity)
    {
        identity = null;
        var skew = sp.ClockSkew;
        var root = response.Root;
        var document = response.Document;

        // Comments or processing instructions have no business in a SAML message and enable the NameID comment-truncation attack.
        if (document.SelectSingleNode("//comment() | //processing-instruction()") is not null)
        {
            return Fail("contiene commenti o istruzioni di elaborazione");
        }

        // Response (cases 8-21, 27-31)
        if (string.IsNullOrEmpty(root.Attr("ID")))
        {
            return Fail("ID della Response assente");
        }

        if (root.Attr("Version") != "2.0")
        {
            return Fail("Version della Response diversa da 2.0");
        }

        var issueInstant = SamlXml.ParseInstant(root.Attr("IssueInstant"));
        if (issueInstant is null || issueInstant < request.IssueInstant - skew || issueInstant > now + skew)
        {
            return Fail("IssueInstant della Response assente, malformato o fuori tempo");
        }

        if (string.IsNullOrEmpty(response.InResponseTo) || response.InResponseTo != request.Id)
        {
            return Fail("InResponseTo della Response non corrisponde alla richiesta");
        }

        if (root.Attr("Destination") != sp.AcsUrl)
        {
            return Fail("Destination della Response diversa dall'indirizzo di ritorno");
        }

        var issuer = root.Child(SamlNames.Assertion, "Issuer");
        if (issuer is null || issuer.InnerText.Trim() != idp.EntityId || (issuer.Attr("Format") is { } format && format != SamlNames.EntityFormat))
        {
            return Fail("Issuer della Response assente o diverso dal gestore dell'identità");
        }

        // Signatures only with the certificates of the IdP metadata; the Response signature is optional but must hold if present.
        if (SamlXml.HasSignature(root) && !SamlXml.Verify(root, idp.Certificates))
        {
            return Fail("firma della Response non valida");
        }

        // Status (cases 22-26, 104-111)
        var status = root.Child(SamlNames.Protocol, "Status");
        var statusCode = status?.Child(SamlNames.Protocol, "StatusCode");
        if (statusCode is null || string.IsNullOrEmpty(statusCode.Attr("Value")))
        {
            return Fail("Status assente");
        }

        if (statusCode.GetAttribute("Value") != SamlNames.Success)
        {
            var message = status!.Child(SamlNames.Protocol, "StatusMessage")?.InnerText ?? "";
            var match = ErrorCodePattern().Match(message);
            if (match.Success && int.TryParse(match.Groups[1].Value, out var code) && SamlFailure.Anomalies.TryGetValue(code, out var text))
            {
                return new SamlFailure(text, code);
            }

            return new SamlFailure("Il gestore dell'identità non ha autenticato l'utente.", match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        }

        // Exactly one Assertion, a direct child, never encrypted (XSW defence).
        if (document.GetElementsByTagName("Assertion", SamlNames.Assertion).Count != 1
            || document.GetElementsByTagName("EncryptedAssertion", SamlNames.Assertion).Count != 0)
        {
            return Fail("numero di Assertion diverso da uno");
        }

        var assertion = root.Child(SamlNames.Assertion, "Assertion");
        if (assertion is null)
        {
            return Fail("Assertion assente");
        }

        if (root.ChildNodes.OfType<XmlElement>().Any(e => !(e.NamespaceURI == SamlNames.Assertion && e.LocalName is "Issuer" or "Assertion")
                && !(e.NamespaceURI == SamlNames.Protocol && e.LocalName is "Status" or "Extensions")
                && !(e.NamespaceURI == SamlNames.Dsig && e.LocalName == "Signature")))
        {
            return Fail("elementi inattesi nella Response");
        }

        // Assertion (cases 33-40)
        var assertionId = assertion.Attr("ID");
        if (string.IsNullOrEmpty(assertionId))
        {
            return Fail("ID dell'Assertion assente");
        }

        if (!SamlXml.Verify(assertion, idp.Certificates))
        {
            return Fail("Assertion non firmata o firma non valida");
        }

        if (assertion.Attr("Version") != "2.0")
        {
            return Fail("Version dell'Assertion diversa da 2.0");
        }

        var assertionInstant = SamlXml.ParseInstant(assertion.Attr("IssueInstant"));
        if (assertionInstant is null || assertionInstant < request.IssueInstant - skew || assertionInstant > now + skew)
        {
            return Fail("IssueInstant dell'Assertion assente, malformato o fuori tempo");
        }

        // Issuer of the Assertion, Format mandatory (cases 67-72)
        var assertionIssuer = assertion.Child(SamlNames.Assertion, "Issuer");
        if (assertionIssuer is null || assertionIssuer.InnerText.Trim() != idp.EntityId || assertionIssuer.Attr("Format") != SamlNames.EntityFormat)
        {
            return Fail("Issuer dell'Assertion assente, diverso o con Format errato");
        }

        // Subject and NameID (cases 41-49)
        var subject = assertion.Child(SamlNames.Assertion, "Subject");
        var nameId = subject?.Child(SamlNames.Assertion, "NameID");
        if (nameId is null || nameId.InnerText.Trim().Length == 0)
        {
            return Fail("Subject o NameID assente");
        }

        if (nameId.Attr("Format") != SamlNames.TransientFormat || string.IsNullOrEmpty(nameId.Attr("NameQualifier")))
        {
            return Fail("NameID con Format o NameQualifier errato");
        }

        // SubjectConfirmation (cases 51-66)
        var confirmation = subject!.Child(SamlNames.Assertion, "SubjectConfirmation");
        if (confirmation is null || confirmation.Attr("Method") != SamlNames.BearerMethod)
        {
            return Fail("SubjectConfirmation assente o con Method diverso da bearer");
        }

        var data = confirmation.Child(SamlNames.Assertion, "SubjectConfirmationData");
        if (data is null || data.Attr("Recipient") != sp.AcsUrl)
        {
            return Fail("SubjectConfirmationData assente o Recipient diverso dall'indirizzo di ritorno");
        }

        if (data.Attr("InResponseTo") != request.Id)
        {
            return Fail("InResponseTo dell'Assertion non corrisponde alla richiesta");
        }

        var confirmationEnd = SamlXml.ParseInstant(data.Attr("NotOnOrAfter"));
        if (confirmationEnd is null || confirmationEnd <= now - skew)
        {
            return Fail("NotOnOrAfter di SubjectConfirmationData assente, malformato o scaduto");
        }

        // Conditions and Audience (cases 73-87)
        var conditions = assertion.Child(SamlNames.Assertion, "Conditions");
        if (conditions is null)
        {
            return Fail("Conditions assente");
        }

        var notBefore = SamlXml.ParseInstant(conditions.Attr("NotBefore"));
        var notOnOrAfter = SamlXml.ParseInstant(conditions.Attr("NotOnOrAfter"));
        if (notBefore is null || notBefore > now + skew || notOnOrAfter is null || notOnOrAfter <= now - skew)
        {
            return Fail("validità temporale dell'Assertion assente, malformata o fuori tempo");
        }

        var audience = conditions.Child(SamlNames.Assertion, "AudienceRestriction")?.Child(SamlNames.Assertion, "Audience");
        if (audience is null || audience.InnerText.Trim() != sp.EntityId)
        {
            return Fail("Audience assente o diversa da questo fornitore di servizi");
        }

        // AuthnStatement and level (cases 88-97); SessionIndex is absent for L2/L3, so it is not required.
        var statement = assertion.Child(SamlNames.Assertion, "AuthnStatement");
        var classRef = statement?.Child(SamlNames.Assertion, "AuthnContext")?.Child(SamlNames.Assertion, "AuthnContextClassRef");
        if (classRef is null)
        {
            return Fail("AuthnStatement, AuthnContext o AuthnContextClassRef assente");
        }

        var level = SpidLevels.FromUri(classRef.InnerText.Trim());
        if (level is null)
        {
            return Fail("livello SPID non riconosciuto");
        }

        if (!SpidLevels.Satisfies(level.Value, request.Level, request.Comparison))
        {
            return new SamlFailure($"Il servizio richiede un'autenticazione SPID di livello {(int)request.Level}: è stato usato il livello {(int)level.Value}.");
        }

        // Attributes (cases 98, 99, 103, 109)
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var attributeStatement = assertion.Child(SamlNames.Assertion, "AttributeStatement");
        if (attributeStatement is not null)
        {
            var items = attributeStatement.Children(SamlNames.Assertion, "Attribute").ToList();
            if (items.Count == 0)
            {
                return Fail("AttributeStatement senza attributi");
            }

            foreach (var item in items)
            {
                var values = item.Children(SamlNames.Assertion, "AttributeValue").ToList();
                var name = item.GetAttribute("Name");
                if (name.Length == 0 || values.Count == 0 || attributes.ContainsKey(name))
                {
                    return Fail("attributo senza nome o senza valore");
                }

                attributes[name] = values[0].InnerText.Trim();
            }
        }

        // Policy: the platform keys people by codice fiscale, so fiscalNumber is required (case 103 is refused).
        if (!attributes.TryGetValue("fiscalNumber", out var fiscal) || !fiscal.StartsWith("TINIT-", StringComparison.Ordinal) || fiscal.Length < 7)
        {
            return new SamlFailure("Il gestore dell'identità non ha comunicato il codice fiscale, necessario per accedere.");
        }

        identity = new SamlIdentity(
            nameId.InnerText.Trim(), nameId.GetAttribute("NameQualifier"), statement!.Attr("SessionIndex"), level.Value,
            assertionId, notOnOrAfter.Value, attributes);
        return null;
    }

    private static SamlFailure Fail(string detail) => new($"{Malformed} ({detail})");

    [GeneratedRegex(@"ErrorCode nr\s*(\d{1,3})", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorCodePattern();
}
