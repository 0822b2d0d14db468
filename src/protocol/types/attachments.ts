/**
 * Attachments (§6.6).
 *
 * @module
 */

// ───────────────────────────── Attachments (§6.6) ─────────────────────────────

export interface UploadDescriptor {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
}

interface AttachmentBase {
  id: string;
  name: string;
  mime_type: string;
  upload_descriptor?: UploadDescriptor | null;
  thread_id?: string | null;
}

export interface FileAttachment extends AttachmentBase {
  type: 'file';
}

export interface ImageAttachment extends AttachmentBase {
  type: 'image';
  preview_url: string;
}

export type Attachment = FileAttachment | ImageAttachment;
