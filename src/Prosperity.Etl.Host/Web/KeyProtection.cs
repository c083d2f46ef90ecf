using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// The data-protection keys (they sign the antiforgery tokens) at rest in <c>Serve:KeysPath</c>:
/// encrypted with a certificate when <c>Serve:KeysCertificatePath</c> is given, with DPAPI on
/// Windows otherwise; elsewhere (Linux has no machine key store) they are kept in a folder only
/// the service account may enter (mode 700), which is what protects them.
/// </summary>
public static class KeyProtection
{
    /// <summary>The keys folder's configuration key.</summary>
    public const string KeysPathKey = "Serve:KeysPath";

    /// <summary>A PKCS#12 file whose certificate encrypts the keys.</summary>
    public const string CertificateKey = "Serve:KeysCertificatePath";

    /// <summary>Its password, if it has one.</summary>
    public const string CertificatePasswordKey = "Serve:KeysCertificatePassword";

    /// <summary>Registers data protection with the keys persisted and protected as the platform allows.</summary>
    public static void Configure(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = Directory.CreateDirectory(configuration[KeysPathKey] ?? "data/keys");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var protection = services.AddDataProtection()
            .SetApplicationName("Prosperity.Etl")
            .PersistKeysToFileSystem(folder);
        if (configuration[CertificateKey] is { Length: > 0 } path)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordKey]);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{CertificateKey} ({path}) cannot be loaded: {ex.Message}", ex);
            }

            protection.ProtectKeysWithCertificate(certificate);
        }
        else if (OperatingSystem.IsWindows())
        {
            protection.ProtectKeysWithDpapi();
        }
    }

    /// <summary>Says at start-up how the keys are protected.</summary>
    public static void Describe(ILogger logger, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrEmpty(configuration[CertificateKey]) && !OperatingSystem.IsWindows())
        {
            logger.LogInformation("Data-protection keys in {KeysPath} are not encrypted at rest (no {CertificateKey}); the folder is readable by this account only",
                Path.GetFullPath(configuration[KeysPathKey] ?? "data/keys"), CertificateKey);
        }
    }
}
