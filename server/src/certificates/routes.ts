import { SENT, fileResponse, type Routes } from '../platform/http/route';
import { certificateCodeParams, certificatePublicView, myCertificatesView } from './schemas';
import type { CertificateService } from './service';

export function registerCertificateRoutes(routes: Routes, certificates: CertificateService): void {
  routes.define({
    method: 'get',
    path: '/api/me/certificates',
    summary: 'My certificates, newest first',
    tag: 'certificates',
    access: ['practitioner'],
    response: myCertificatesView,
    handler: async ({ user }) => ({ items: await certificates.mine(user.id) }),
  });

  routes.define({
    method: 'get',
    path: '/api/certificates/:code',
    summary: 'Verify a certificate (public, no sign-in): the holder name is masked',
    tag: 'certificates',
    access: 'public',
    params: certificateCodeParams,
    response: certificatePublicView,
    errors: [404],
    handler: ({ params }) => certificates.verify(params.code),
  });

  routes.define({
    method: 'get',
    path: '/api/certificates/:code/pdf',
    summary: 'The printable certificate (PDF with a QR code to the verification page), for its holder or the office',
    tag: 'certificates',
    access: ['practitioner', 'office', 'trainer'],
    params: certificateCodeParams,
    response: fileResponse,
    files: ['application/pdf'],
    // 409 CERTIFICATE_REVOKED: withdrawn with an undone completion
    errors: [404, 409],
    handler: async ({ params, user, ctx }) => {
      const pdf = await certificates.pdf(params.code, user);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="certificate-${params.code}.pdf"`);
      ctx.body = pdf;
      return SENT;
    },
  });
}
