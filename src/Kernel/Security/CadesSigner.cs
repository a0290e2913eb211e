using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace PenToscana.Kernel.Security;

/// <summary>
/// CAdES-BES attached signatures (ETSI EN 319 122-1), the <c>.p7m</c> envelope of Italian signed documents: a CMS SignedData
/// in DER with the content inside, SHA-256, and the signed attributes content-type, message-digest, signing-time and
/// signing-certificate-v2 (RFC 5035: the SHA-256 of the signer's certificate with its issuer and serial number), so that
/// the certificate cannot be swapped under the signature.
/// </summary>
public static class CadesSigner
{
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static byte[] Sign(byte[] content, X509Certificate2 signer, DateTimeOffset signingTime)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: false);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cmsSigner.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), SigningCertificateV2(signer)));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash OCTET
    /// STRING, issuerSerial IssuerSerial } — the hash algorithm is SHA-256, the default, so DER leaves it out.
    /// </summary>
    private static byte[] SigningCertificateV2(X509Certificate2 signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(signer.RawData));
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            // GeneralName directoryName [4] EXPLICIT Name
                            var directoryName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
                            using (writer.PushSequence(directoryName))
                            {
                                writer.WriteEncodedValue(signer.IssuerName.RawData);
                            }
                        }

                        writer.WriteInteger(SerialBigEndian(signer));
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static byte[] SerialBigEndian(X509Certificate2 certificate)
    {
        // GetSerialNumber gives the INTEGER's content octets little-endian; DER wants them big-endian.
        var serial = certificate.GetSerialNumber();
        Array.Reverse(serial);
        return serial;
    }
}
