// Types of the API's bodies as both sides see them, inferred from the shared schemas.
export type { Address } from './schemas/common.schema';
export type { BillingPage, BillingPagePatch, Role } from './schemas/billing.schema';
export type { Locale, Me, Profile, SessionCreated } from './schemas/session.schema';
export type { ErrorCode, FieldError, Problem } from './errors';
export type { BankDetails, BillTo, Invoice, InvoicePage, InvoicePayment, InvoiceSummary, InvoiceYearSummary, Receipt } from './schemas/invoice.schema';
export type { Subscription } from './schemas/subscription.schema';
export type { BillingDetails, ChangeRequest, ChangeRequestCreate, ChangeRequestStatus } from './schemas/change-request.schema';
export type { SupportCaseView, SupportInvoice, SupportQueueItem, SupportQueuePage } from './schemas/support.schema';
export type { SupportCase } from './schemas/change-request.schema';
export type { ActivityActor, ActivityChange, ActivityEntry, ActivityPage } from './schemas/activity.schema';
export type { UpcomingInvoice } from './schemas/upcoming-invoice.schema';
export type { Proposal, ProposalChange, ProposalCreate, ProposalPage, ProposalStatus, ProposalApproved } from './schemas/proposal.schema';
