using System.Security.Cryptography.X509Certificates;
using System.Xml;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// Signs a FatturaPA document with an enveloped XAdES-BES signature (ETSI TS 101 903, namespace 1.3.2, as the FatturaPA
/// specifications ask for XML signatures). The engine's entry point to the platform's XML signer
/// (<see cref="XmlSignatures.SignXades"/>); checked by <see cref="XadesVerifier"/>.
/// </summary>
public static class XadesSigner
{
    public const string XadesNamespace = XmlSignatures.XadesNamespace;

    public static void Sign(XmlDocument document, X509Certificate2 signer, DateTimeOffset signingTime) => XmlSignatures.SignXades(document, signer, signingTime);
}
