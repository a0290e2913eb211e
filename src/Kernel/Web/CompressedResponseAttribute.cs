namespace PenToscana.Kernel.Web;

/// <summary>
/// Endpoint metadata: a large answer that is the same for everyone and holds no secret (a public list), compressed with
/// Brotli or gzip for clients that accept it. Only such endpoints are compressed: compressing answers that mix secrets with
/// what a caller sent would open them to BREACH-style guessing over HTTPS.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class CompressedResponseAttribute : Attribute;
