using System.DirectoryServices.Protocols;
using System.Text;

namespace NhiPortal.Infrastructure.Ldap;

/// <summary>
/// The Password Modify extended operation (RFC 3062): the server hashes the new password with its own scheme and its
/// password policy stamps pwdChangedTime, where a plain modify of userPassword would store the text as given.
/// </summary>
internal static class LdapPasswordModify
{
    public const string Oid = "1.3.6.1.4.1.4203.1.11.1";

    public static ExtendedRequest Request(string dn, string newPassword)
    {
        // PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0] OCTET STRING, newPasswd [2] OCTET STRING }
        var body = Tagged(0x80, Encoding.UTF8.GetBytes(dn)).Concat(Tagged(0x82, Encoding.UTF8.GetBytes(newPassword))).ToArray();
        return new ExtendedRequest(Oid, Tagged(0x30, body));
    }

    private static byte[] Tagged(byte tag, byte[] content)
    {
        var length = content.Length;
        byte[] lengthBytes = length < 0x80 ? [(byte)length]
            : length <= 0xFF ? [0x81, (byte)length]
            : [0x82, (byte)(length >> 8), (byte)length];
        return [tag, .. lengthBytes, .. content];
    }
}
