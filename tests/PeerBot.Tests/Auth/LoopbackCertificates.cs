using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PeerBot.Tests.Auth;

/// <summary>
/// A throwaway certificate authority and a server certificate for 127.0.0.1/localhost signed by it. The
/// Bot Framework SDK fetches OpenID metadata over HTTPS with its own private HttpClient, so the only way
/// to serve it locally is to make the machine trust the authority: it goes into the system store
/// (root only; CI runs as root) and comes out again when the test process ends. Its private key never
/// leaves this process, so nothing can be signed with it afterwards.
/// </summary>
public sealed class LoopbackCertificates
{
    private const string TrustDirectory = "/usr/local/share/ca-certificates";
    private const string FilePrefix = "peerbot-test-ca-";
    private readonly string _trustFile;

    public LoopbackCertificates()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=PeerBot test authority " + Guid.NewGuid().ToString("N")[..8], caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        AuthorityPem = authority.ExportCertificatePem();
        _trustFile = Path.Combine(TrustDirectory, FilePrefix + Guid.NewGuid().ToString("N") + ".crt");
    }

    /// <summary>The server certificate, with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    public string AuthorityPem { get; }

    /// <summary>Adds the authority to the system trust store; fails with the reason when that is not possible.</summary>
    public void Trust()
    {
        if (!Environment.IsPrivilegedProcess || !Directory.Exists(TrustDirectory))
        {
            throw new InvalidOperationException(
                $"The authentication tests must add a test certificate authority to the system trust store ({TrustDirectory} and update-ca-certificates), " +
                "because the Bot Framework SDK fetches OpenID metadata over HTTPS with its own HttpClient. Run the tests as root (CI does).");
        }
        RemoveStale();
        File.WriteAllText(_trustFile, AuthorityPem);
        UpdateStore();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Untrust();
    }

    public void Untrust()
    {
        if (File.Exists(_trustFile))
        {
            File.Delete(_trustFile);
            UpdateStore("--fresh");
        }
    }

    // Authorities left behind by a run that was killed (harmless, their keys died with it); a fresh one may belong
    // to a run in progress.
    private static void RemoveStale()
    {
        foreach (var file in Directory.GetFiles(TrustDirectory, FilePrefix + "*.crt"))
        {
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1))
            {
                File.Delete(file);
            }
        }
    }

    // --fresh also drops the links of authorities that were removed.
    private static void UpdateStore(string arguments = "")
    {
        var psi = new ProcessStartInfo("update-ca-certificates", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not run update-ca-certificates.");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"update-ca-certificates failed ({process.ExitCode}): {errors.Result}");
        }
    }
}
